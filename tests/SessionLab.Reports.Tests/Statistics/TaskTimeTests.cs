namespace SessionLab.Reports.Tests;

public sealed class TaskTimeTests
{
    [Fact]
    public void SmallSampleMatchesSauroTaskTimeCalculatorExample()
    {
        // Sauro, "Graph and calculator for confidence intervals for task times" (measuringu.com/time_intervals.php):
        // times 55, 65, 75, 62, 45, 135 → geometric mean 68 seconds, 95% CI (46, 101).
        var estimate = TaskTime.Estimate([55, 65, 75, 62, 45, 135])!;

        Assert.Equal(TimeCentre.GeometricMean, estimate.Centre);
        Assert.Equal(68, estimate.Value, 0.5);
        Assert.Equal(46, estimate.Interval!.Lower, 0.5);
        Assert.Equal(101, estimate.Interval.Upper, 0.5);
        Assert.Equal(72.83, estimate.ArithmeticMean, 0.01);
    }

    [Fact]
    public void LargeSampleUsesMedianBetweenOrderStatisticsOfGardnerAndAltman()
    {
        // Gardner and Altman, Statistics with Confidence, ch. 8 (default example of OpenEpi's "Confidence interval of
        // median", Soe and Sullivan): for n = 100 the 95% interval runs from the 40th to the 61st ordered value.
        var times = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        var estimate = TaskTime.Estimate(times)!;

        Assert.Equal(TimeCentre.Median, estimate.Centre);
        Assert.Equal(50.5, estimate.Value);
        Assert.Equal(new Interval(40, 61), estimate.Interval);
    }

    [Fact]
    public void TwentyFiveTimesSwitchToTheMedianAndTwentyFourDoNot()
    {
        var twentyFour = Enumerable.Range(1, 24).Select(i => 10.0 * i).ToArray();
        var twentyFive = Enumerable.Range(1, 25).Select(i => 10.0 * i).ToArray();

        Assert.Equal(TimeCentre.GeometricMean, TaskTime.Estimate(twentyFour)!.Centre);
        var median = TaskTime.Estimate(twentyFive)!;
        Assert.Equal(TimeCentre.Median, median.Centre);
        Assert.Equal(130, median.Value);
        // n = 25: 12.5 − 1.96 × 2.5 = 7.6 → the 8th value, and the 18th from n + 1 − 8.
        Assert.Equal(new Interval(80, 180), median.Interval);
    }

    [Fact]
    public void OneTimeIsItsOwnCentreWithoutInterval()
    {
        var estimate = TaskTime.Estimate([42])!;

        Assert.Equal(42, estimate.Value);
        Assert.Null(estimate.Interval);
    }

    [Fact]
    public void EqualTimesHaveNoIntervalAndNoNaN()
    {
        var estimate = TaskTime.Estimate([30, 30, 30, 30])!;

        Assert.Equal(30, estimate.Value, 1e-9);
        Assert.Null(estimate.Interval);
        Assert.False(double.IsNaN(estimate.ArithmeticMean));
    }

    [Fact]
    public void NoTimesIsNoData()
    {
        Assert.Null(TaskTime.Estimate([]));
    }

    [Fact]
    public void ZeroSecondsIsRejectedBecauseItHasNoLogarithm()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskTime.Estimate([0, 12]));
    }
}
