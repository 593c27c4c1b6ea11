namespace SessionLab.Reports.Tests;

public sealed class AdjustedWaldTests
{
    [Fact]
    public void FourOfFiveMatchesTullisWorkedExample()
    {
        // Tullis, "Calculating a confidence interval for task completion using the adjusted Wald method"
        // (measuringux.com/adjustedwald.htm; Measuring the User Experience p. 69): 4 of 5 → 0.3596 to 0.9796 with z = 1.96.
        var estimate = AdjustedWald.Estimate(4, 5)!;

        Assert.Equal(0.3596, estimate.Interval.Lower, 0.0005);
        Assert.Equal(0.9796, estimate.Interval.Upper, 0.0005);
    }

    [Fact]
    public void SevenOfTenAndThreeOfTenMatchSauroAndLewis()
    {
        // Sauro and Lewis, "A new formula for quantitative UX decision making" (UX Magazine article 850, 2012):
        // 7 of 10 → about 39% to 90%; 3 of 10 → about 10% to 61%.
        var seven = AdjustedWald.Estimate(7, 10)!;
        var three = AdjustedWald.Estimate(3, 10)!;

        Assert.Equal(0.39, seven.Interval.Lower, 0.005);
        Assert.Equal(0.90, seven.Interval.Upper, 0.005);
        Assert.Equal(0.10, three.Interval.Lower, 0.005);
        Assert.Equal(0.61, three.Interval.Upper, 0.005);
    }

    [Theory]
    // Lewis and Sauro, "When 100% really isn't 100%" (JUS 1(3), 2006) and the rule of their calculator
    // (measuringu.com/wald.htm): Wilson when x/n ≤ .5, x/n below .9, Laplace (x+1)/(n+2) from .9 up.
    [InlineData(3, 10, PointEstimateMethod.Wilson, 0.3555)]
    [InlineData(5, 10, PointEstimateMethod.Wilson, 0.5000)]
    [InlineData(7, 10, PointEstimateMethod.MaximumLikelihood, 0.7000)]
    [InlineData(9, 10, PointEstimateMethod.Laplace, 0.8333)]
    [InlineData(10, 10, PointEstimateMethod.Laplace, 0.9167)]
    [InlineData(0, 5, PointEstimateMethod.Wilson, 0.2172)]
    public void BestPointEstimateFollowsLewisAndSauroRule(int successes, int trials, PointEstimateMethod method, double expected)
    {
        var estimate = AdjustedWald.Estimate(successes, trials)!;

        Assert.Equal(method, estimate.Method);
        Assert.Equal(expected, estimate.BestEstimate, 0.0005);
        Assert.Equal((double)successes / trials, estimate.Observed);
    }

    [Fact]
    public void NoneOfNStaysInsideZeroToOne()
    {
        var estimate = AdjustedWald.Estimate(0, 5)!;

        Assert.Equal(0, estimate.Interval.Lower);
        Assert.InRange(estimate.Interval.Upper, 0.4, 0.5);
    }

    [Fact]
    public void AllOfNNeverReportsCertainty()
    {
        var estimate = AdjustedWald.Estimate(5, 5)!;

        Assert.Equal(1, estimate.Interval.Upper);
        Assert.InRange(estimate.Interval.Lower, 0.5, 0.52);
        Assert.True(estimate.BestEstimate < 1);
    }

    [Fact]
    public void OneTrialGivesAWideButFiniteInterval()
    {
        var success = AdjustedWald.Estimate(1, 1)!;
        var failure = AdjustedWald.Estimate(0, 1)!;

        Assert.Equal(2.0 / 3, success.BestEstimate, 1e-12);
        Assert.InRange(success.Interval.Lower, 0.16, 0.17);
        Assert.Equal(1, success.Interval.Upper);
        Assert.Equal(0, failure.Interval.Lower);
        Assert.InRange(failure.Interval.Upper, 0.83, 0.84);
    }

    [Fact]
    public void NoTrialsIsNoDataRatherThanZero()
    {
        Assert.Null(AdjustedWald.Estimate(0, 0));
    }

    [Fact]
    public void MoreSuccessesThanTrialsIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AdjustedWald.Estimate(3, 2));
    }
}
