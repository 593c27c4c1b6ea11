namespace SessionLab.Reports.Tests;

/// <summary>Expected values computed independently with mpmath (see RoundStatisticsTests).</summary>
public sealed class RoundComparerTests
{
    [Fact]
    public void TasksAreMatchedByTitleWhateverTheirIdsAndOrder()
    {
        var comparison = RoundComparer.Compare(TwoRounds.Second(), TwoRounds.First());

        Assert.Equal("Checkout, round 1", comparison.OtherStudyName);
        Assert.Equal([("Pay", 1, 2), (" find a product ", 2, 1)], comparison.Tasks.Select(t => (t.Title, t.Number!.Value, t.OtherNumber!.Value)));
    }

    [Fact]
    public void EachTaskIsComparedOnCompletionTimeAndEase()
    {
        var find = RoundComparer.Compare(TwoRounds.Second(), TwoRounds.First()).Tasks[1];

        Assert.Equal((5, 5, 2, 5), (find.Completion!.Successes, find.Completion.Trials, find.Completion.OtherSuccesses, find.Completion.OtherTrials));
        Assert.Equal(0.0495346, find.Completion.PValue, 1e-6);
        Assert.Equal(-0.0161920, find.Completion.Interval.Lower, 1e-6);
        Assert.Equal(0.8831527, find.Completion.Interval.Upper, 1e-6);
        Assert.Equal(0.4207075, find.Time!.Ratio, 1e-6);
        Assert.Equal(0.0045602, find.Time.PValue!.Value, 1e-6);
        Assert.Equal(3.4, find.Seq!.Difference, 1e-9);
        Assert.Equal(0.0024118, find.Seq.PValue!.Value, 1e-6);
    }

    [Fact]
    public void SusIsComparedWithWelchsTest()
    {
        var sus = RoundComparer.Compare(TwoRounds.Second(), TwoRounds.First()).Sus!;

        Assert.Equal(39.375, sus.Difference, 1e-9);
        Assert.Equal(0.0029106, sus.PValue!.Value, 1e-6);
        Assert.Equal(20.827703, sus.Interval!.Lower, 1e-5);
    }

    [Fact]
    public void ATaskOnlyOneRoundHasIsListedWithoutFigures()
    {
        var first = TwoRounds.First();
        var renamed = first with { Tasks = [first.Tasks[0] with { Title = "Find a kettle" }, first.Tasks[1]] };

        var tasks = RoundComparer.Compare(TwoRounds.Second(), renamed).Tasks;

        Assert.Equal([("Pay", true, true), (" find a product ", true, false), ("Find a kettle", false, true)],
            tasks.Select(t => (t.Title, t.Number is not null, t.OtherNumber is not null)));
        Assert.All(tasks.Skip(1), t => Assert.Null(t.Completion));
    }

    [Fact]
    public void ARoundWithoutSessionsHasNothingToCompare()
    {
        var empty = StudyReportBuilder.Build(TestStudy.Create(), [], new Dictionary<string, int>(), TwoRounds.GeneratedAt);

        var comparison = RoundComparer.Compare(TwoRounds.Second(), empty);

        Assert.All(comparison.Tasks, t => Assert.Null(t.Completion));
        Assert.All(comparison.Tasks, t => Assert.Null(t.Time));
        Assert.Null(comparison.Sus);
    }
}
