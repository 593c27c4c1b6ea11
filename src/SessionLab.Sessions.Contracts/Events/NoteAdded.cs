using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>A note taken by a team member. <see cref="TaskId"/> is the task that was running when the note was stamped.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.NoteAdded")]
public sealed record NoteAdded(
    Guid NoteId,
    long ClockOffsetMs,
    string Text,
    ImmutableArray<string> Tags,
    NoteKind Kind,
    string? TaskId) : SessionEvent;
