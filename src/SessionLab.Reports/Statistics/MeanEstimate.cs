namespace SessionLab.Reports;

/// <summary>
/// The mean of a sample with its t-based interval. <see cref="StandardDeviation"/> is null for a single value;
/// <see cref="Interval"/> is null when it cannot be estimated honestly: fewer than two values, or values that are all
/// equal (the t interval would shrink to a point and claim a certainty a handful of identical ratings does not give).
/// </summary>
public sealed record MeanEstimate(int Count, double Mean, double? StandardDeviation, Interval? Interval)
{
    /// <summary>The same estimate with its interval cut to the bounds of the scale: a t interval knows nothing of a 1–7 scale.</summary>
    public MeanEstimate Within(double min, double max) => Interval is null
        ? this
        : this with { Interval = new Interval(Math.Max(min, Interval.Lower), Math.Min(max, Interval.Upper)) };
}
