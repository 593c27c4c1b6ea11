namespace SessionLab.Reports;

/// <summary>
/// Binomial proportions from small samples: task completion rates and how many participants showed a finding.
/// </summary>
/// <remarks>
/// Interval: adjusted Wald (Agresti and Coull, 1998), which Sauro and Lewis found gives the best coverage for the sample
/// sizes of usability tests ("Estimating completion rates from small samples using binomial confidence intervals",
/// HFES 2005; Quantifying the User Experience, ch. 3): add z²/2 successes and z² trials, then apply the Wald formula.
/// Point estimate: the rule of Lewis and Sauro, "When 100% really isn't 100%" (Journal of Usability Studies 1(3), 2006)
/// as their calculator applies it (measuringu.com/wald.htm): Wilson when x/n ≤ 0.5, the observed x/n when
/// 0.5 &lt; x/n &lt; 0.9, and from 0.9 up the smaller of Laplace and Jeffreys, which is always Laplace there
/// ((x+1)/(n+2) ≤ (x+½)/(n+1) whenever x ≥ n/2), so 100% is never reported from a small sample.
/// </remarks>
public static class AdjustedWald
{
    private const double LaplaceFrom = 0.9;

    /// <returns>The estimate, or null when there were no trials: no data is not a rate of 0.</returns>
    public static ProportionEstimate? Estimate(int successes, int trials, double confidence = Confidence.Default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return null;
        }

        var z = Confidence.Z(confidence);
        var zSquared = z * z;
        var adjustedTrials = trials + zSquared;
        var adjusted = (successes + (zSquared / 2)) / adjustedTrials;
        var margin = z * Math.Sqrt(adjusted * (1 - adjusted) / adjustedTrials);
        var interval = new Interval(Math.Max(0, adjusted - margin), Math.Min(1, adjusted + margin));

        var observed = (double)successes / trials;
        var (best, method) = observed switch
        {
            <= 0.5 => (adjusted, PointEstimateMethod.Wilson),
            < LaplaceFrom => (observed, PointEstimateMethod.MaximumLikelihood),
            _ => ((successes + 1.0) / (trials + 2.0), PointEstimateMethod.Laplace),
        };
        return new ProportionEstimate(successes, trials, observed, best, method, interval);
    }
}
