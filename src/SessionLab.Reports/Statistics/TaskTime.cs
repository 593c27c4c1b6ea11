namespace SessionLab.Reports;

/// <summary>
/// Time on task. Following Sauro and Lewis (Quantifying the User Experience, ch. 3; "Average task times in usability
/// tests: what to report?", CHI 2010): below 25 times the geometric mean is the best estimate of the middle, with a
/// t interval computed on the log times and transformed back (measuringu.com/time_intervals); from 25 times on, the
/// median, with the distribution-free interval whose ends are order statistics picked from the binomial distribution
/// with p = ½ (normal approximation, as in Gardner and Altman, Statistics with Confidence, ch. 8).
/// </summary>
public static class TaskTime
{
    /// <summary>From this many times on, the median replaces the geometric mean.</summary>
    public const int MedianFrom = 25;

    /// <param name="seconds">Times of successful attempts; each must be positive (a log of zero has no meaning).</param>
    /// <returns>The estimate, or null when there are no times.</returns>
    public static TimeEstimate? Estimate(IReadOnlyList<double> seconds, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        if (seconds.Any(s => !(s > 0) || double.IsInfinity(s)))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), "Every task time must be a positive, finite number of seconds.");
        }
        if (seconds.Count == 0)
        {
            return null;
        }

        var arithmeticMean = seconds.Average();
        return seconds.Count < MedianFrom
            ? GeometricMean(seconds, arithmeticMean, confidence)
            : Median(seconds, arithmeticMean, confidence);
    }

    private static TimeEstimate GeometricMean(IReadOnlyList<double> seconds, double arithmeticMean, double confidence)
    {
        var logs = seconds.Select(s => Math.Log(s)).ToArray();
        var logMean = logs.Average();
        var centre = Math.Exp(logMean);
        if (logs.Length == 1 || MeanInterval.AllEqual(seconds))
        {
            return new TimeEstimate(seconds.Count, TimeCentre.GeometricMean, logs.Length == 1 ? seconds[0] : centre, null, arithmeticMean);
        }

        var sd = MeanInterval.SampleStandardDeviation(logs, logMean);
        var margin = Confidence.T(confidence, logs.Length - 1) * sd / Math.Sqrt(logs.Length);
        var interval = new Interval(Math.Exp(logMean - margin), Math.Exp(logMean + margin));
        return new TimeEstimate(seconds.Count, TimeCentre.GeometricMean, centre, interval, arithmeticMean);
    }

    private static TimeEstimate Median(IReadOnlyList<double> seconds, double arithmeticMean, double confidence)
    {
        var sorted = seconds.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;

        // Ranks np ± z√(np(1−p)) with p = ½; the upper rank is taken as n + 1 − lower so the interval stands as many
        // values in from each end, which is what the sign test behind it assumes.
        var halfWidth = Confidence.Z(confidence) * Math.Sqrt(n * 0.25);
        var lowerRank = (int)Math.Max(1, Math.Round((n / 2.0) - halfWidth, MidpointRounding.AwayFromZero));
        var upperRank = n + 1 - lowerRank;
        var interval = new Interval(sorted[lowerRank - 1], sorted[upperRank - 1]);
        return new TimeEstimate(n, TimeCentre.Median, median, interval, arithmeticMean);
    }
}
