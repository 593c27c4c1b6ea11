using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// Metrics of one task. <see cref="Completion"/> is successes of attempted; <see cref="Time"/> covers successful attempts
/// only; <see cref="Errors"/> and <see cref="Assists"/> are per attempted task. Any of them is null when there is no data.
/// <see cref="ByParticipant"/> follows <see cref="StudyReport.Participants"/>.
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
    ImmutableArray<TaskCell> ByParticipant);
