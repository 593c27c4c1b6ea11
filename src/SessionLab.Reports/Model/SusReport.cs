using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SessionLab.Reports;

/// <summary>
/// SUS of the study: every participant's score, the mean with its t interval, the grade and percentile rank of the
/// mean, and the mean against the benchmark average of 68. All but the scores are null when nobody answered.
/// </summary>
public sealed record SusReport(
    ImmutableArray<SusResult> ByParticipant,
    MeanEstimate? Mean,
    SusGrade? Grade,
    double? PercentileRank,
    BenchmarkComparison? Benchmark = null)
{
    /// <summary>The scores of those who answered; the JSON metrics already give them per participant.</summary>
    [JsonIgnore]
    public IEnumerable<double> Scores => ByParticipant.Select(r => r.Score).OfType<double>();
}
