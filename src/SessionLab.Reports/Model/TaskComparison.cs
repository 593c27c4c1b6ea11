namespace SessionLab.Reports;

/// <summary>
/// One task in two rounds, matched by title. <see cref="Number"/> or <see cref="OtherNumber"/> is null for a task only one
/// round has; each comparison is null when a round has no data for it.
/// </summary>
public sealed record TaskComparison(
    string Title,
    int? Number,
    int? OtherNumber,
    ProportionComparison? Completion,
    TimeComparison? Time,
    MeanComparison? Seq);
