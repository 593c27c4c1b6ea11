using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// The study at a glance. Sessions that have started count as observed (live ones with what has been persisted so far);
/// scheduled ones are counted but contribute no data, and so are those called off (cancelled, or the participant did
/// not show up). <see cref="TotalObservationMs"/> adds the session clocks of
/// observed sessions, live ones up to <see cref="GeneratedAt"/>.
/// </summary>
public sealed record ReportOverview(
    string StudyId,
    string StudyName,
    string Goal,
    int SessionCount,
    int EndedSessionCount,
    int LiveSessionCount,
    int ScheduledSessionCount,
    int CancelledSessionCount,
    int NoShowSessionCount,
    int ParticipantCount,
    DateTimeOffset? FirstSessionAt,
    DateTimeOffset? LastSessionAt,
    ImmutableArray<string> Moderators,
    long TotalObservationMs,
    double ConfidenceLevel,
    DateTimeOffset GeneratedAt);
