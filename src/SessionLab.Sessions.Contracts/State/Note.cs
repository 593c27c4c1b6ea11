using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.Note")]
public sealed record Note(
    Guid Id,
    Actor Author,
    long ClockOffsetMs,
    string Text,
    ImmutableArray<string> Tags,
    NoteKind Kind,
    string? TaskId,
    long Sequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt);
