using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// A note as a report cites it: where to find it again (session id and session-clock offset) and what it says.
/// <see cref="IsQuote"/> marks notes of kind Quote or tagged "quote"; <see cref="ClipUrl"/> opens its clip when a recording shows it.
/// </summary>
public sealed record NoteReference(
    Guid NoteId,
    string SessionId,
    string ParticipantLabel,
    long ClockOffsetMs,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    string Author,
    NoteKind Kind,
    bool IsQuote,
    string? TaskId,
    ImmutableArray<string> Tags,
    string Text,
    string? ClipUrl = null);
