namespace SessionLab.Reports;

/// <summary>A two-sided confidence interval, in the unit of the estimate it belongs to.</summary>
public sealed record Interval(double Lower, double Upper);
