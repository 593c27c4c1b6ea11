namespace SessionLab.Reports.Tests;

public sealed class PlainWordsTests
{
    [Theory]
    // The example: 3 of 5, adjusted-Wald 23–88 %.
    [InlineData(3, 5, "3 of 5 completed; with 5 people the true rate could be anywhere from 23% to 88%")]
    [InlineData(0, 5, "0 of 5 completed; with 5 people the true rate could be anywhere from 0% to 49%")]
    [InlineData(5, 5, "5 of 5 completed; with 5 people the true rate could be anywhere from 51% to 100%")]
    [InlineData(1, 2, "1 of 2 completed; with 2 people the true rate could be almost anything (9% to 91%), too few to tell")]
    [InlineData(1, 1, "1 of 1 completed; one person is too few to tell how many users would complete it")]
    [InlineData(0, 1, "0 of 1 completed; one person is too few to tell how many users would complete it")]
    public void CompletionIsTheObservedCountWithTheRangeInWords(int successes, int trials, string words)
    {
        Assert.Equal(words, PlainWords.Completion(AdjustedWald.Estimate(successes, trials)));
    }

    [Fact]
    public void NoAttemptIsSaidAsSuch()
    {
        Assert.Equal("nobody has finished an attempt yet", PlainWords.Completion(null));
    }

    [Theory]
    [InlineData(new double[] { 60 }, "the one person who completed it took 1 min 00 s")]
    [InlineData(new double[] { 40, 40, 40 }, "those who completed it each took 40 s")]
    // Two times give a t interval of 0.009 s to 111 h: it says only that there were too few times.
    [InlineData(new double[] { 30, 120 }, "those who completed it typically took 1 min 00 s (too few times to say how typical that is)")]
    // 3 times: geometric mean 60 s, t interval on the logs 29.4 s to 122.6 s.
    [InlineData(new double[] { 45, 60, 80 }, "those who completed it typically took 1 min 00 s (likely between 29 s and 2 min 03 s)")]
    public void TimeIsSaidAsPeopleSayIt(double[] seconds, string words)
    {
        Assert.Equal(words, PlainWords.Time(TaskTime.Estimate(seconds)));
    }

    [Theory]
    [InlineData(new double[] { 1, 0 }, "1 error in 2 attempts")]
    [InlineData(new double[] { 0, 0, 0 }, "no errors in 3 attempts")]
    [InlineData(new double[] { 2 }, "2 errors in 1 attempt")]
    public void ErrorsAreTotalsNotMeansWithIntervals(double[] errors, string words)
    {
        Assert.Equal(words, PlainWords.Errors(MeanInterval.Estimate(errors)));
    }

    [Theory]
    [InlineData(0.049, "unlikely to be chance (p = 0.0490)")]
    [InlineData(0.0004, "unlikely to be chance (p < 0.001)")]
    [InlineData(0.3, "this could well be chance (p = 0.30)")]
    [InlineData(null, "too few values to test whether this is more than chance")]
    public void PValuesAreSaidAsWhatTheyMean(double? p, string words)
    {
        Assert.Equal(words, PlainWords.Chance(p));
    }
}
