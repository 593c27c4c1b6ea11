using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// SUS of the study: every participant's score, the mean with its t interval, and the grade and percentile rank of the
/// mean. The grade and percentile are null when nobody answered.
/// </summary>
public sealed record SusReport(
    ImmutableArray<SusResult> ByParticipant,
    MeanEstimate? Mean,
    SusGrade? Grade,
    double? PercentileRank);
