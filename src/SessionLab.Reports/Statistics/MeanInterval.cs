namespace SessionLab.Reports;

/// <summary>
/// Means of rating scales and counts (SEQ, SUS, errors and assists per attempt) with a confidence interval from Student's
/// t with n − 1 degrees of freedom, which Sauro and Lewis recommend for rating-scale data at any sample size
/// (Quantifying the User Experience, ch. 3).
/// </summary>
public static class MeanInterval
{
    /// <returns>The estimate, or null when there are no values.</returns>
    public static MeanEstimate? Estimate(IReadOnlyList<double> values, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var mean = values.Average();
        if (values.Count == 1)
        {
            return new MeanEstimate(1, mean, null, null);
        }

        var sd = SampleStandardDeviation(values, mean);
        if (AllEqual(values))
        {
            return new MeanEstimate(values.Count, values[0], 0, null);
        }

        var margin = Confidence.T(confidence, values.Count - 1) * sd / Math.Sqrt(values.Count);
        return new MeanEstimate(values.Count, mean, sd, new Interval(mean - margin, mean + margin));
    }

    internal static double SampleStandardDeviation(IReadOnlyList<double> values, double mean)
    {
        var sumOfSquares = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(sumOfSquares / (values.Count - 1));
    }

    /// <summary>Compared directly: a mean of equal doubles can differ from them in the last bit and fake a tiny spread.</summary>
    internal static bool AllEqual(IReadOnlyList<double> values) => values.All(v => v.Equals(values[0]));
}
