using System.Collections.Immutable;

namespace SessionLab.Sessions;

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
