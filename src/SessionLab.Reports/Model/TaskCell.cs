using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>One participant's attempt at one task; <see cref="Outcome"/> null and not in progress means not attempted.</summary>
public sealed record TaskCell(
    string SessionId,
    TaskOutcome? Outcome,
    bool InProgress,
    long? DurationMs,
    int Errors,
    int Assists,
    int? SeqRating);
