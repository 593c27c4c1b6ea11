namespace SessionLab.Reports.Tests;

/// <summary>
/// Expected values computed independently with mpmath at 30 digits (t distribution by numerical integration of its
/// density, binomial sums term by term), not with MathNet, which the code under test uses.
/// </summary>
public sealed class RoundStatisticsTests
{
    [Fact]
    public void TwoProportionsUseTheNMinusOneTestAndTheAdjustedWaldIntervalOfTheDifference()
    {
        var comparison = RoundStatistics.CompareProportions(11, 12, 5, 10)!;

        Assert.Equal(11.0 / 12 - 0.5, comparison.Difference, 1e-12);
        Assert.Equal("N − 1 two-proportion test", comparison.Test);
        Assert.Equal(0.0327789, comparison.PValue, 1e-6);
        Assert.Equal(0.0216108, comparison.Interval.Lower, 1e-6);
        Assert.Equal(0.6967424, comparison.Interval.Upper, 1e-6);
    }

    [Fact]
    public void AllOfNAgainstSomeOfNIsTestedWithoutAssumingCertainty()
    {
        var comparison = RoundStatistics.CompareProportions(3, 5, 5, 5)!;

        Assert.Equal(-0.4, comparison.Difference, 1e-12);
        Assert.Equal(0.1336144, comparison.PValue, 1e-6);
        Assert.Equal(-0.7386592, comparison.Interval.Lower, 1e-6);
        Assert.Equal(0.1606855, comparison.Interval.Upper, 1e-6);
    }

    [Fact]
    public void ExpectedCountsBelowOneFallBackToFishersExactTest()
    {
        // 5 of 5 against 1 of 3: expected failures 3 × 2/8 = 0.75. Hypergeometric by hand: tables with 3, 4, 5 successes
        // in the first round have probabilities 10/28, 15/28, 3/28; only the one seen is as unlikely, so p = 3/28.
        var comparison = RoundStatistics.CompareProportions(5, 5, 1, 3)!;

        Assert.Equal("Fisher's exact test", comparison.Test);
        Assert.Equal(3.0 / 28, comparison.PValue, 1e-9);
    }

    [Fact]
    public void NoneOfNInBothRoundsIsNoDifference()
    {
        var comparison = RoundStatistics.CompareProportions(0, 10, 0, 8)!;

        Assert.Equal(0, comparison.Difference);
        Assert.Equal(1, comparison.PValue);
        Assert.InRange(comparison.Interval.Lower, -1, 0);
        Assert.InRange(comparison.Interval.Upper, 0, 1);
    }

    [Fact]
    public void ARoundWithoutTrialsHasNoComparison()
    {
        Assert.Null(RoundStatistics.CompareProportions(0, 0, 3, 5));
        Assert.Null(RoundStatistics.CompareProportions(3, 5, 0, 0));
    }

    [Fact]
    public void MeansAreComparedWithWelchsTest()
    {
        var comparison = RoundStatistics.CompareMeans([62.5, 70, 75, 80, 85, 90], [50, 55, 60, 65.5, 72.5])!;

        Assert.Equal(16.483333, comparison.Difference, 1e-6);
        Assert.Equal(8.956593, comparison.DegreesOfFreedom!.Value, 1e-6);
        Assert.Equal(0.0177063, comparison.PValue!.Value, 1e-6);
        Assert.Equal(3.612258, comparison.Interval!.Lower, 1e-5);
        Assert.Equal(29.354409, comparison.Interval.Upper, 1e-5);
    }

    [Fact]
    public void MeansOfOneParticipantOrWithoutSpreadAreShownButNotTested()
    {
        var single = RoundStatistics.CompareMeans([70], [60, 65, 80])!;
        var flat = RoundStatistics.CompareMeans([5, 5, 5], [4, 4])!;

        Assert.Equal(70, single.Mean);
        Assert.Equal(70 - (205.0 / 3), single.Difference, 1e-12);
        Assert.Null(single.PValue);
        Assert.Null(single.Interval);
        Assert.Equal(1, flat.Difference);
        Assert.Null(flat.PValue);
        Assert.Null(RoundStatistics.CompareMeans([], [1, 2]));
        Assert.Null(RoundStatistics.CompareMeans([1, 2], []));
    }

    [Fact]
    public void TimesAreComparedOnTheLogScaleAsARatioOfGeometricMeans()
    {
        var comparison = RoundStatistics.CompareTimes([30, 45, 60, 90], [60, 80, 120, 150, 200])!;

        Assert.Equal(51.961524, comparison.GeometricMean, 1e-5);
        Assert.Equal(111.560062, comparison.OtherGeometricMean, 1e-5);
        Assert.Equal(0.4657717, comparison.Ratio, 1e-6);
        Assert.Equal(0.0481425, comparison.PValue!.Value, 1e-6);
        Assert.Equal(0.2187597, comparison.RatioInterval!.Lower, 1e-6);
        Assert.Equal(0.9916971, comparison.RatioInterval.Upper, 1e-6);
    }

    [Fact]
    public void EqualTimesInBothRoundsAreNotTested()
    {
        var comparison = RoundStatistics.CompareTimes([40, 40, 40], [40, 40])!;

        Assert.Equal(1, comparison.Ratio, 1e-12);
        Assert.Null(comparison.PValue);
    }

    [Fact]
    public void AMeanIsComparedWithItsBenchmarkByTheOneSampleTTest()
    {
        var sus = RoundStatistics.MeanAgainst([72.5, 80, 85, 77.5, 90], RoundStatistics.SusBenchmark)!;
        var seq = RoundStatistics.MeanAgainst([6, 5, 7, 6, 4], RoundStatistics.SeqBenchmark)!;

        Assert.True(sus.Above);
        Assert.Equal(81, sus.Observed, 1e-12);
        Assert.Equal(0.00630508, sus.PValue!.Value, 1e-7);
        Assert.Equal(0.4270399, seq.PValue!.Value, 1e-6);
        Assert.Null(RoundStatistics.MeanAgainst([80], 68)!.PValue);
        Assert.Null(RoundStatistics.MeanAgainst([], 68));
    }

    [Theory]
    [InlineData(9, 10, 0.2009136)]
    [InlineData(3, 5, 0.1892754)]
    [InlineData(0, 3, 0.0053240)]
    [InlineData(5, 5, 0.1443587)]
    // One participant: half the chance of the single outcome seen, 0.78 / 2 and 0.22 / 2.
    [InlineData(1, 1, 0.39)]
    [InlineData(0, 1, 0.11)]
    public void ACompletionRateIsComparedWithTheBenchmarkByTheMidPBinomialTest(int successes, int trials, double p)
    {
        var comparison = RoundStatistics.ProportionAgainst(successes, trials, RoundStatistics.CompletionBenchmark)!;

        Assert.Equal(p, comparison.PValue!.Value, 1e-6);
        Assert.Equal((double)successes / trials > 0.78, comparison.Above);
    }

    [Fact]
    public void NoTrialsHasNoBenchmarkComparison()
    {
        Assert.Null(RoundStatistics.ProportionAgainst(0, 0, RoundStatistics.CompletionBenchmark));
    }
}
