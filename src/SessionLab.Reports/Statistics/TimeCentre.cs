namespace SessionLab.Reports;

/// <summary>Which centre of task time a report gives: it depends on the sample size (<see cref="TaskTime"/>).</summary>
public enum TimeCentre
{
    GeometricMean,
    Median,
}
