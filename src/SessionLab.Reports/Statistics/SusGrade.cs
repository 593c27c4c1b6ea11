namespace SessionLab.Reports;

/// <summary>One band of the Sauro–Lewis curved grading scale: SUS scores from <see cref="MinScore"/> up to the next band.</summary>
public sealed record SusGrade(string Letter, double MinScore, double MaxScore, int MinPercentile, int MaxPercentile);
