using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// One observed session, which is one participant: a column of the findings matrix and of the outcome table.
/// <see cref="Label"/> is the alias, numbered when two sessions share one so columns stay distinguishable.
/// </summary>
public sealed record ReportParticipant(
    string SessionId,
    string Alias,
    string Label,
    string Moderator,
    SessionStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long ObservedMs);
