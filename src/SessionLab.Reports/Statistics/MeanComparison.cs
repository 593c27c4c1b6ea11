namespace SessionLab.Reports;

/// <summary>
/// Two means compared with Welch's t test (no assumption that both rounds vary alike). <see cref="Difference"/> is this
/// − other. <see cref="Interval"/> and <see cref="PValue"/> (two-sided) are null when the test cannot run: a round with
/// a single value, or values that do not vary at all in either round.
/// </summary>
public sealed record MeanComparison(
    int Count,
    double Mean,
    int OtherCount,
    double OtherMean,
    double Difference,
    Interval? Interval,
    double? DegreesOfFreedom,
    double? PValue);
