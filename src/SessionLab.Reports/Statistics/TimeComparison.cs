namespace SessionLab.Reports;

/// <summary>
/// Task times of two rounds compared with Welch's t test on log times (times are skewed; their logs are close to
/// normal). Back on the time scale the difference of log means is a ratio of geometric means: <see cref="Ratio"/> 0.8
/// means this round's typical time is 20 % shorter. <see cref="RatioInterval"/> and <see cref="PValue"/> are null when
/// the test cannot run (see <see cref="MeanComparison"/>).
/// </summary>
public sealed record TimeComparison(
    int Count,
    double GeometricMean,
    int OtherCount,
    double OtherGeometricMean,
    double Ratio,
    Interval? RatioInterval,
    double? PValue);
