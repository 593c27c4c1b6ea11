namespace SessionLab.Reports.Tests;

public sealed class ProblemDiscoveryTests
{
    [Fact]
    public void FiveUsersSeeAProblemOfThirtyOnePercentAboutEightyFivePercentOfTheTime()
    {
        // Nielsen and Landauer (1993): with p = .31, five users find about 85 % of problems; 1 − .69⁵ = .8436.
        Assert.Equal(0.8436, ProblemDiscovery.ChanceToSee(0.31, 5), 1e-4);
    }

    [Theory]
    // Sauro and Lewis, Quantifying the User Experience, table 7.1 (smallest n with 1 − (1 − p)ⁿ ≥ goal).
    [InlineData(0.10, 0.85, 19)]
    [InlineData(0.25, 0.90, 9)]
    [InlineData(0.50, 0.95, 5)]
    [InlineData(0.05, 0.80, 32)]
    [InlineData(0.01, 0.95, 299)]
    public void ParticipantsNeededMatchThePublishedTable(double frequency, double goal, int participants)
    {
        Assert.Equal(participants, ProblemDiscovery.ParticipantsNeeded(frequency, goal));
    }

    [Fact]
    public void EdgeFrequencies()
    {
        Assert.Null(ProblemDiscovery.ParticipantsNeeded(0, 0.85));
        Assert.Equal(1, ProblemDiscovery.ParticipantsNeeded(1, 0.99));
        Assert.Equal(0, ProblemDiscovery.ChanceToSee(0.5, 0));
        Assert.Equal(1, ProblemDiscovery.ChanceToSee(1, 1));
        Assert.Null(ProblemDiscovery.SmallestFrequencyLikelySeen(0, 0.85));
        // With one participant, only a problem that affects 85 % of users is 85 % likely to show.
        Assert.Equal(0.85, ProblemDiscovery.SmallestFrequencyLikelySeen(1, 0.85)!.Value, 1e-12);
    }
}
