using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// This study against another round of it (run before or after a redesign), or one group of the study's sessions against
/// another: task by task, and the SUS. Differences are always this side minus the other. <see cref="Name"/> and
/// <see cref="ParticipantCount"/> name this side when it is a group rather than the whole study.
/// </summary>
public sealed record RoundComparison(
    string OtherStudyName,
    int OtherParticipantCount,
    ImmutableArray<TaskComparison> Tasks,
    MeanComparison? Sus,
    ComparisonKind Kind = ComparisonKind.Studies,
    string? Name = null,
    int? ParticipantCount = null);
