using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SessionLab.Reports;

/// <summary>
/// Metrics of one task. <see cref="Completion"/> is successes of attempted; <see cref="Time"/> covers successful attempts
/// only; <see cref="Errors"/> and <see cref="Assists"/> are per attempted task. Any of them is null when there is no data.
/// <see cref="ByParticipant"/> follows <see cref="StudyReport.Participants"/>. <see cref="CompletionBenchmark"/> and
/// <see cref="SeqBenchmark"/> hold the task against the published averages (78 % completion, SEQ 5.5).
/// <see cref="SuccessSeconds"/> and <see cref="SeqRatings"/> are the samples behind the metrics, kept to compare rounds.
/// <see cref="EarlierVersions"/> lists the sessions that ran an earlier version of the task (empty when all ran this one).
/// </summary>
public sealed record TaskReport(
    string TaskId,
    int Number,
    string Title,
    OutcomeCounts Outcomes,
    int InProgress,
    ProportionEstimate? Completion,
    TimeEstimate? Time,
    MeanEstimate? Seq,
    MeanEstimate? Errors,
    MeanEstimate? Assists,
    ImmutableArray<TaskCell> ByParticipant,
    ImmutableArray<TaskComment> Comments,
    BenchmarkComparison? CompletionBenchmark,
    BenchmarkComparison? SeqBenchmark,
    [property: JsonIgnore] ImmutableArray<double> SuccessSeconds,
    [property: JsonIgnore] ImmutableArray<double> SeqRatings,
    IReadOnlyList<TaskEarlierVersion>? EarlierVersions = null);
