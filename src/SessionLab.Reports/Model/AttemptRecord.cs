using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>One task attempt as exported; absolute times are the session start plus the session-clock offsets.</summary>
public sealed record AttemptRecord(
    string SessionId,
    string ParticipantLabel,
    string TaskId,
    string? TaskTitle,
    long StartOffsetMs,
    long? EndOffsetMs,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long? DurationMs,
    TaskOutcome? Outcome,
    int Errors,
    int Assists,
    string? Comment,
    int? SeqRating,
    string? SeqComment);
