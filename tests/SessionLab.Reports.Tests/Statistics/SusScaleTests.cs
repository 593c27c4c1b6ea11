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

    [Theory]
    // Sauro and Lewis curved grading scale, Quantifying the User Experience 2nd ed. (2016), table 8.5: each band's
    // lowest and highest score against the lowest and highest percentile rank of its range.
    [InlineData(100, 100)]
    [InlineData(84.1, 96)]
    [InlineData(84.0, 95)]
    [InlineData(80.8, 90)]
    [InlineData(80.7, 89)]
    [InlineData(78.9, 85)]
    [InlineData(78.8, 84)]
    [InlineData(77.2, 80)]
    [InlineData(77.1, 79)]
    [InlineData(74.1, 70)]
    [InlineData(74.0, 69)]
    [InlineData(72.6, 65)]
    [InlineData(72.5, 64)]
    [InlineData(71.1, 60)]
    [InlineData(71.0, 59)]
    [InlineData(65.0, 41)]
    [InlineData(64.9, 40)]
    [InlineData(62.7, 35)]
    [InlineData(62.6, 34)]
    [InlineData(51.7, 15)]
    [InlineData(51.6, 14)]
    [InlineData(0, 0)]
    public void PercentileRankAtEveryBandEdgeIsTheEdgeOfThatBandsPublishedRange(double score, int percentile)
    {
        Assert.Equal(percentile, SusScale.PercentileRank(score), 1e-9);
    }

    [Fact]
    public void PercentileAndGradeAgreeAtEveryScoreOnTheScale()
    {
        // Every score to a tenth, plus the gaps between published edges (84.05 lies between A's 84.0 and A+'s 84.1).
        var scores = Enumerable.Range(0, 1001).Select(i => i / 10.0).Concat(SusScale.Grades.Select(g => g.MinScore - 0.05).Where(s => s > 0));

        Assert.All(scores, score =>
        {
            var grade = SusScale.Grade(score);
            var shown = Math.Round(SusScale.PercentileRank(score), MidpointRounding.AwayFromZero);
            Assert.InRange(shown, grade.MinPercentile, grade.MaxPercentile);
        });
    }

    [Fact]
    public void PercentileInterpolatesLinearlyWithinABand()
    {
        // D runs from 51.7 (15th) to 62.6 (34th): its middle, 57.15, is the 24.5th percentile.
        Assert.Equal(24.5, SusScale.PercentileRank(57.15), 1e-9);
        // A score the scale calls a D is never printed below the 15th percentile (a normal curve said 10th for 53).
        Assert.InRange(SusScale.PercentileRank(53), 15, 34);
    }

    [Fact]
    public void AverageScoreSitsAtTheFiftiethPercentile()
    {
        // measuringu.com/interpret-sus-score: "The average score (at the 50th percentile) is 68."
        Assert.Equal(50, SusScale.PercentileRank(68), 1e-9);
    }

    [Fact]
    public void PercentileRankIsMonotonicAcrossTheScale()
    {
        var ranks = Enumerable.Range(0, 1001).Select(i => SusScale.PercentileRank(i / 10.0)).ToArray();

        Assert.All(ranks.Zip(ranks.Skip(1)), pair => Assert.True(pair.First <= pair.Second, $"{pair.First} > {pair.Second}"));
    }
}
