using MathNet.Numerics.Distributions;

namespace SessionLab.Reports;

/// <summary>
/// Comparisons between two rounds of a study and against benchmarks, as Sauro and Lewis recommend for small samples
/// (Quantifying the User Experience, 2nd ed., ch. 4 for benchmarks, ch. 5 for two rounds).
/// </summary>
public static class RoundStatistics
{
    /// <summary>Average SUS score of the benchmark studies (Sauro and Lewis, ch. 8).</summary>
    public const double SusBenchmark = 68;

    /// <summary>Average SEQ rating of a task across published studies (Sauro, measuringu.com: about 5.5 of 7).</summary>
    public const double SeqBenchmark = 5.5;

    /// <summary>Average task completion rate across published studies (Sauro and Lewis, ch. 4: 78 %).</summary>
    public const double CompletionBenchmark = 0.78;

    /// <summary>
    /// x₁ of n₁ against x₂ of n₂. Null when a round has no trials. The p-value comes from the N − 1 two-proportion test
    /// (Campbell 2007; Sauro and Lewis ch. 5) when every expected cell count is at least 1, from Fisher's exact test
    /// (two-sided, Irwin's rule) otherwise; the interval of the difference is adjusted-Wald: (x + z²/4) / (n + z²/2) for
    /// each round (Agresti and Caffo 2000).
    /// </summary>
    public static ProportionComparison? CompareProportions(int successes, int trials, int otherSuccesses, int otherTrials, double confidence = Confidence.Default)
    {
        ValidateCount(successes, trials);
        ValidateCount(otherSuccesses, otherTrials);
        if (trials == 0 || otherTrials == 0)
        {
            return null;
        }

        var z = Confidence.Z(confidence);
        var adjustedTrials = trials + (z * z / 2);
        var otherAdjustedTrials = otherTrials + (z * z / 2);
        var adjusted = (successes + (z * z / 4)) / adjustedTrials;
        var otherAdjusted = (otherSuccesses + (z * z / 4)) / otherAdjustedTrials;
        var margin = z * Math.Sqrt((adjusted * (1 - adjusted) / adjustedTrials) + (otherAdjusted * (1 - otherAdjusted) / otherAdjustedTrials));
        var centre = adjusted - otherAdjusted;
        var interval = new Interval(Math.Max(-1, centre - margin), Math.Min(1, centre + margin));

        var total = trials + otherTrials;
        var pooled = (double)(successes + otherSuccesses) / total;
        // The smallest expected cell count, min(n) × min(successes, failures) / N, compared with 1 in integers: 5 × 0.2 in
        // floating point falls a hair below 1.
        var everyExpectedCountAtLeastOne = (long)Math.Min(trials, otherTrials) * Math.Min(successes + otherSuccesses, total - successes - otherSuccesses) >= total;
        double pValue;
        string test;
        if (pooled is 0 or 1)
        {
            // Everyone succeeded, or nobody did, in both rounds: nothing differs.
            (pValue, test) = (1, "N − 1 two-proportion test");
        }
        else if (everyExpectedCountAtLeastOne)
        {
            var observedDifference = ((double)successes / trials) - ((double)otherSuccesses / otherTrials);
            var statistic = observedDifference * Math.Sqrt((total - 1.0) / total) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / trials) + (1.0 / otherTrials)));
            (pValue, test) = (2 * Normal.CDF(0, 1, -Math.Abs(statistic)), "N − 1 two-proportion test");
        }
        else
        {
            (pValue, test) = (FisherExact(successes, trials, otherSuccesses, otherTrials), "Fisher's exact test");
        }
        return new ProportionComparison(
            successes, trials, otherSuccesses, otherTrials,
            ((double)successes / trials) - ((double)otherSuccesses / otherTrials),
            interval, Math.Min(1, pValue), test);
    }

    /// <summary>Welch's t test of two samples; null when either is empty.</summary>
    public static MeanComparison? CompareMeans(IReadOnlyList<double> values, IReadOnlyList<double> otherValues, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(otherValues);
        if (values.Count == 0 || otherValues.Count == 0)
        {
            return null;
        }
        var mean = values.Average();
        var otherMean = otherValues.Average();
        var difference = mean - otherMean;
        if (values.Count < 2 || otherValues.Count < 2)
        {
            return new MeanComparison(values.Count, mean, otherValues.Count, otherMean, difference, null, null, null);
        }
        var variance = Variance(values, mean) / values.Count;
        var otherVariance = Variance(otherValues, otherMean) / otherValues.Count;
        var standardError = Math.Sqrt(variance + otherVariance);
        if (!(standardError > 0))
        {
            return new MeanComparison(values.Count, mean, otherValues.Count, otherMean, difference, null, null, null);
        }
        // Welch–Satterthwaite degrees of freedom.
        var df = Math.Pow(variance + otherVariance, 2)
            / ((variance * variance / (values.Count - 1)) + (otherVariance * otherVariance / (otherValues.Count - 1)));
        var t = difference / standardError;
        var margin = Confidence.T(confidence, df) * standardError;
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new MeanComparison(values.Count, mean, otherValues.Count, otherMean, difference, new Interval(difference - margin, difference + margin), df, p);
    }

    /// <summary>Welch's t test on the log times of two rounds, reported as a ratio of geometric means; null when either has no time.</summary>
    public static TimeComparison? CompareTimes(IReadOnlyList<double> seconds, IReadOnlyList<double> otherSeconds, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(otherSeconds);
        if (seconds.Concat(otherSeconds).Any(s => !(s > 0) || double.IsInfinity(s)))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), "Every task time must be a positive, finite number of seconds.");
        }
        if (CompareMeans([.. seconds.Select(s => Math.Log(s))], [.. otherSeconds.Select(s => Math.Log(s))], confidence) is not { } logs)
        {
            return null;
        }
        return new TimeComparison(
            logs.Count, Math.Exp(logs.Mean), logs.OtherCount, Math.Exp(logs.OtherMean), Math.Exp(logs.Difference),
            logs.Interval is { } interval ? new Interval(Math.Exp(interval.Lower), Math.Exp(interval.Upper)) : null,
            logs.PValue);
    }

    /// <summary>
    /// A mean against a benchmark with the one-sample t test (Sauro and Lewis ch. 4); null without values. The p-value is
    /// one-sided in the direction observed.
    /// </summary>
    public static BenchmarkComparison? MeanAgainst(IReadOnlyList<double> values, double benchmark)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var mean = values.Average();
        if (values.Count < 2)
        {
            return new BenchmarkComparison(mean, benchmark, values.Count, null);
        }
        var standardError = Math.Sqrt(Variance(values, mean) / values.Count);
        if (!(standardError > 0))
        {
            return new BenchmarkComparison(mean, benchmark, values.Count, null);
        }
        var t = (mean - benchmark) / standardError;
        return new BenchmarkComparison(mean, benchmark, values.Count, StudentT.CDF(0, 1, values.Count - 1, -Math.Abs(t)));
    }

    /// <summary>
    /// x of n against a benchmark rate with the mid-probability binomial test Sauro and Lewis recommend for small samples
    /// (ch. 4): P(X more extreme than x) + ½ P(X = x) under the benchmark, one-sided in the direction observed. Null without trials.
    /// </summary>
    public static BenchmarkComparison? ProportionAgainst(int successes, int trials, double benchmark)
    {
        ValidateCount(successes, trials);
        if (!(benchmark > 0 && benchmark < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(benchmark), benchmark, "A benchmark rate lies strictly between 0 and 1.");
        }
        if (trials == 0)
        {
            return null;
        }
        var observed = (double)successes / trials;
        // Summed term by term: MathNet's binomial CDF goes through the regularized beta function, which is NaN at its edges.
        var exactly = Binomial.PMF(benchmark, trials, successes);
        var beyond = observed > benchmark
            ? Enumerable.Range(successes + 1, trials - successes).Sum(k => Binomial.PMF(benchmark, trials, k))
            : Enumerable.Range(0, successes).Sum(k => Binomial.PMF(benchmark, trials, k));
        return new BenchmarkComparison(observed, benchmark, trials, Math.Clamp(beyond + (exactly / 2), 0, 1));
    }

    /// <summary>Two-sided Fisher exact p-value: the probability of every table with the same margins no likelier than the one seen.</summary>
    private static double FisherExact(int successes, int trials, int otherSuccesses, int otherTrials)
    {
        var total = trials + otherTrials;
        var allSuccesses = successes + otherSuccesses;
        var distribution = new Hypergeometric(total, allSuccesses, trials);
        var seen = distribution.Probability(successes);
        var p = 0.0;
        for (var k = Math.Max(0, allSuccesses - otherTrials); k <= Math.Min(allSuccesses, trials); k++)
        {
            var probability = distribution.Probability(k);
            // A relative tolerance keeps tables exactly as likely as the one seen, which floating point may put a hair above.
            if (probability <= seen * (1 + 1e-7))
            {
                p += probability;
            }
        }
        return p;
    }

    private static double Variance(IReadOnlyList<double> values, double mean) =>
        values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);

    private static void ValidateCount(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
    }
}
