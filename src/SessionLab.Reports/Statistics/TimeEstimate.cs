namespace SessionLab.Reports;

/// <summary>
/// The typical time on task, in seconds, of successful attempts. <see cref="Centre"/> says whether <see cref="Value"/> is
/// the geometric mean (fewer than 25 times) or the median; <see cref="ArithmeticMean"/> is kept only as a reference point
/// (task times are skewed, so it overstates the middle). <see cref="Interval"/> is null for a single time, or for
/// geometric means of times that are all equal.
/// </summary>
public sealed record TimeEstimate(int Count, TimeCentre Centre, double Value, Interval? Interval, double ArithmeticMean);
