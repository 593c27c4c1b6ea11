using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// This study against another round of it (run before or after a redesign): task by task, and the SUS. Differences are
/// always this study minus the other.
/// </summary>
public sealed record RoundComparison(
    string OtherStudyName,
    int OtherParticipantCount,
    ImmutableArray<TaskComparison> Tasks,
    MeanComparison? Sus);
