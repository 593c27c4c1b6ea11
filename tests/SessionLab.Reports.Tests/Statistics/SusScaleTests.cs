namespace SessionLab.Reports.Tests;

public sealed class SusScaleTests
{
    [Fact]
    public void ScoresResponsesAsBrookeDefined()
    {
        // silleknarf/SUS README: "./SUS.py 4152514231 yields SUS Score: 85".
        Assert.Equal(85, SusScale.Score([4, 1, 5, 2, 5, 1, 4, 2, 3, 1]));
    }

    [Fact]
    public void WorstAndBestAnswersScoreZeroAndHundred()
    {
        Assert.Equal(0, SusScale.Score([1, 5, 1, 5, 1, 5, 1, 5, 1, 5]));
        Assert.Equal(100, SusScale.Score([5, 1, 5, 1, 5, 1, 5, 1, 5, 1]));
    }

    [Fact]
    public void IncompleteAnswersCannotBeScored()
    {
        Assert.False(SusScale.IsComplete([3, 3, 3]));
        Assert.False(SusScale.IsComplete([3, 3, 3, 3, 3, 3, 3, 3, 3, 6]));
        Assert.Throws<ArgumentException>(() => SusScale.Score([3, 3, 3]));
    }

    [Theory]
    // Sauro and Lewis curved grading scale, Quantifying the User Experience 2nd ed. (2016), table 8.5.
    [InlineData(100, "A+")]
    [InlineData(84.1, "A+")]
    [InlineData(84.0, "A")]
    [InlineData(80.8, "A")]
    [InlineData(80.7, "A-")]
    [InlineData(78.9, "A-")]
    [InlineData(78.8, "B+")]
    [InlineData(77.2, "B+")]
    [InlineData(77.1, "B")]
    [InlineData(74.1, "B")]
    [InlineData(74.0, "B-")]
    [InlineData(72.6, "B-")]
    [InlineData(72.5, "C+")]
    [InlineData(71.1, "C+")]
    [InlineData(71.0, "C")]
    [InlineData(68, "C")]
    [InlineData(65.0, "C")]
    [InlineData(64.9, "C-")]
    [InlineData(62.7, "C-")]
    [InlineData(62.6, "D")]
    [InlineData(51.7, "D")]
    [InlineData(51.6, "F")]
    [InlineData(0, "F")]
    public void GradesFollowTheCurvedGradingScale(double score, string letter)
    {
        Assert.Equal(letter, SusScale.Grade(score).Letter);
    }

    [Fact]
    public void AverageScoreSitsAtTheFiftiethPercentile()
    {
        // measuringu.com/interpret-sus-score: "The average score (at the 50th percentile) is 68."
        Assert.Equal(50, SusScale.PercentileRank(68), 1e-9);
    }

    [Fact]
    public void PercentileFollowsTheBenchmarkNormalCurve()
    {
        // Benchmark N(68, 12.5) (Hyzy et al., JMIR mHealth uHealth 2022;10(8):e37290): one SD above the mean is the
        // 84.13th percentile and one below the 15.87th.
        Assert.Equal(84.13, SusScale.PercentileRank(80.5), 0.01);
        Assert.Equal(15.87, SusScale.PercentileRank(55.5), 0.01);
    }
}
