using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>What the report says about a task that was running when its session ended, and about quotes typed in quotation marks.</summary>
public sealed class EndedSessionReportTests
{
    private static readonly DateTimeOffset GeneratedAt = TestStudy.Day.AddDays(2);

    [Fact]
    public void ATaskRunningWhenTheSessionEndedIsShownAsAbandonedNeverInProgress()
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day).Task("t1", 0, 60_000, TaskOutcome.Success).StartTask("t2", 70_000).End(200_000).State,
            TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1)).Task("t1", 0, 90_000, TaskOutcome.Success).Task("t2", 100_000, 150_000, TaskOutcome.Fail).End(160_000).State,
        ];

        var report = StudyReportBuilder.Build(study, sessions, new Dictionary<string, int>(), GeneratedAt);
        var markdown = MarkdownReportRenderer.Render(report);

        var pay = report.Tasks[1];
        Assert.Equal(new OutcomeCounts(0, 0, 1, 0, 1), pay.Outcomes);
        Assert.Equal(1, pay.Outcomes.Attempted);
        Assert.Equal(0, pay.InProgress);
        Assert.Contains("| 2. Pay | abandoned | fail |", markdown, StringComparison.Ordinal);
        Assert.Contains("1 had it running when the session ended, with no outcome marked (abandoned, not counted as attempted).", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("in progress", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Where is the basket?\"")]
    [InlineData("“Where is the basket?”")]
    [InlineData("  'Where is the basket?' ")]
    [InlineData("Where is the basket?")]
    public void AQuoteTypedWithOrWithoutQuotationMarksIsPrintedInOnePair(string typed)
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day).Note(40_000, typed, NoteKind.Quote, "t1", "nav").End(100_000).State,
        ];

        var markdown = MarkdownReportRenderer.Render(StudyReportBuilder.Build(study, sessions, new Dictionary<string, int>(), GeneratedAt));

        Assert.Contains("“Where is the basket?” (P1 at 0:00:40)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("“\"", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("““", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("“'", markdown, StringComparison.Ordinal);
    }
}
