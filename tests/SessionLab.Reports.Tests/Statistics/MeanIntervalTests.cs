namespace SessionLab.Reports.Tests;

public sealed class MeanIntervalTests
{
    [Fact]
    public void MatchesROneSampleTTestOfEightDifferences()
    {
        // R: t.test(c(-30, 30, -40, -40, 80, 60, -50, -20)) → mean -1.25, 95% CI -43.51131 to 41.01131
        // (UMSL MTH1320 notes, "paired t-test with confidence interval", sileaderwt.github.io/UMSL-MTH1320).
        var estimate = MeanInterval.Estimate([-30, 30, -40, -40, 80, 60, -50, -20])!;

        Assert.Equal(-1.25, estimate.Mean, 1e-9);
        Assert.Equal(50.55, estimate.StandardDeviation!.Value, 0.005);
        Assert.Equal(-43.51131, estimate.Interval!.Lower, 0.00001);
        Assert.Equal(41.01131, estimate.Interval.Upper, 0.00001);
    }

    [Fact]
    public void MatchesRPairedTTestOnRatingDifferences()
    {
        // R: a <- c(1,2,3,2,3,1,2,3,1); b <- c(2,1,3,1,2,3,2,1,1); t.test(a, b, paired = TRUE)
        // → mean of the differences 0.2222222, 95% CI -0.7016018 to 1.1460462 (Cross Validated question,
        // "Why doesn't R output for a paired t-test match the formula", answer: use qt(.975, 8)).
        int[] a = [1, 2, 3, 2, 3, 1, 2, 3, 1];
        int[] b = [2, 1, 3, 1, 2, 3, 2, 1, 1];
        var differences = a.Zip(b, (x, y) => (double)(x - y)).ToArray();

        var estimate = MeanInterval.Estimate(differences)!;

        Assert.Equal(0.2222222, estimate.Mean, 0.0000001);
        Assert.Equal(-0.7016018, estimate.Interval!.Lower, 0.0000001);
        Assert.Equal(1.1460462, estimate.Interval.Upper, 0.0000001);
    }

    [Fact]
    public void NoValuesIsNoData()
    {
        Assert.Null(MeanInterval.Estimate([]));
    }

    [Fact]
    public void OneValueHasAMeanButNoSpreadOrInterval()
    {
        var estimate = MeanInterval.Estimate([6])!;

        Assert.Equal(6, estimate.Mean);
        Assert.Null(estimate.StandardDeviation);
        Assert.Null(estimate.Interval);
    }

    [Fact]
    public void EqualValuesHaveNoIntervalInsteadOfAZeroWidthOne()
    {
        var estimate = MeanInterval.Estimate([0.1, 0.1, 0.1])!;

        Assert.Equal(0.1, estimate.Mean);
        Assert.Equal(0, estimate.StandardDeviation);
        Assert.Null(estimate.Interval);
    }
}
