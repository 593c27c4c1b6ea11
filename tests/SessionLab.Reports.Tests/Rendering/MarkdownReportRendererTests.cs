namespace SessionLab.Reports.Tests;

public sealed class MarkdownReportRendererTests
{
    [Fact]
    public void TheReadoutComesFirstAndTheStatisticsLast()
    {
        var markdown = MarkdownReportRenderer.Render(SampleStudy.Report());

        Assert.StartsWith("# Checkout study: usability test report", markdown, StringComparison.Ordinal);
        var sections = new[] { "## Readout", "### Top findings", "### Tasks", "## Findings in detail", "## Tasks in detail", "## Statistics" }
            .Select(h => markdown.IndexOf("\n" + h + "\n", StringComparison.Ordinal)).ToArray();
        Assert.All(sections, i => Assert.True(i > 0));
        Assert.Equal(sections.Order(), sections);
    }

    [Fact]
    public void TheReadoutSaysWhoTookPartAndRanksFindingsBySeverityTimesFrequency()
    {
        var readout = Section(MarkdownReportRenderer.Render(SampleStudy.Report()), "## Readout");

        Assert.Contains("**Who took part:** 4 participants (P1, P2, P3, P4) from 2026-11-20 to 2026-11-22, moderated by Ben and Mia", readout, StringComparison.Ordinal);
        Assert.Contains("Still running: P4", readout, StringComparison.Ordinal);
        // search: severity 2 × 2 of 4 = 1; nav: severity 3 × 1 of 4 = 0.75.
        Assert.Contains("1. **#search**: seen with 2 of 4 participants; severity 2 minor.\n2. **#nav**: seen with 1 of 4 participants; severity 3 major.\n   - “Where would I even start?” (P1 at 0:00:40)", readout, StringComparison.Ordinal);
        Assert.DoesNotContain("#checkout", readout, StringComparison.Ordinal);
    }

    [Fact]
    public void TasksAreSaidInWordsWithTheRangeTheTrueRateCouldLieIn()
    {
        var readout = Section(MarkdownReportRenderer.Render(SampleStudy.Report()), "## Readout");

        // 3 of 3: adjusted-Wald 38–100 %; the observed count is what is said, never the 80 % small-sample estimate.
        Assert.Contains("1. **Find a product**: 3 of 3 completed; with 3 people the true rate could be anywhere from 38% to 100%.", readout, StringComparison.Ordinal);
        Assert.Contains("The one person who completed it took 2 min 30 s", readout, StringComparison.Ordinal);
        Assert.DoesNotContain("80% (3 of 3", readout, StringComparison.Ordinal);
        Assert.DoesNotContain("adjusted-Wald", readout, StringComparison.Ordinal);
        Assert.DoesNotContain("geometric mean", readout, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsAreCountedInWordsNotAsAMeanWithAnInterval()
    {
        var markdown = MarkdownReportRenderer.Render(SampleStudy.Report());

        Assert.Contains("Errors: 4 errors in 3 attempts. Moderator help: helped 1 time in 3 attempts.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("n = ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKindOfFigureIsExplainedBesideItsMethod()
    {
        var statistics = Section(MarkdownReportRenderer.Render(SampleStudy.Report()), "## Statistics");

        Assert.Contains("The range uses the adjusted-Wald method, which stays honest with very few people", statistics, StringComparison.Ordinal);
        Assert.Contains("geometric mean (the average taken on a log scale, which slow outliers move less)", statistics, StringComparison.Ordinal);
        Assert.Contains("rates how easy it was from 1 (very difficult) to 7 (very easy)", statistics, StringComparison.Ordinal);
        Assert.Contains("the percentile says what share of those products scored lower", statistics, StringComparison.Ordinal);
        Assert.Contains("The p-value is the chance of landing this far above (or below) the average", statistics, StringComparison.Ordinal);
        Assert.Contains("| 1. Find a product | 3 of 3 (100%) | 38–100% |", statistics, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlannerSaysHowManyMoreParticipantsToTest()
    {
        var statistics = Section(MarkdownReportRenderer.Render(SampleStudy.Report()), "## Statistics");

        // Sauro and Lewis table 7.1: 19 participants see a problem affecting 10 % of users with 85 % confidence.
        Assert.Contains("| 10% of users | 16 | 19 | 22 | 29 |", statistics, StringComparison.Ordinal);
        Assert.Contains("This study observed 4 people. To be 85% sure of seeing problems that affect 1 user in 10, test 15 more (for 19 in all).", statistics, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadoutListsTheTopFiveFindingsAndSaysHowManyMoreThereAre()
    {
        var session = TestStudy.Session("s1", "P1").Start(TestStudy.Day);
        foreach (var tag in (string[])["a", "b", "c", "d", "e", "f", "g"])
        {
            session.Note(1_000, "Seen " + tag, Sessions.NoteKind.Issue, null, tag);
        }
        var report = StudyReportBuilder.Build(TestStudy.Create(tags: []), [session.State], new Dictionary<string, int> { ["g"] = 4 }, TestStudy.Day.AddDays(1));

        var readout = Section(MarkdownReportRenderer.Render(report), "## Readout");

        Assert.Contains("1. **#g**: seen with 1 of 1 participant; severity 4 catastrophe.\n2. **#a**: seen with 1 of 1 participant; severity not rated yet.", readout, StringComparison.Ordinal);
        Assert.Contains("5. **#d**", readout, StringComparison.Ordinal);
        Assert.DoesNotContain("6. **", readout, StringComparison.Ordinal);
        Assert.Contains("2 more findings are under Findings in detail.", readout, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataReadsAsNoDataNeverNaN()
    {
        var report = StudyReportBuilder.Build(TestStudy.Create(), [], new Dictionary<string, int>(), TestStudy.Day);

        var markdown = MarkdownReportRenderer.Render(report);

        Assert.Contains("**Who took part:** nobody yet.", markdown, StringComparison.Ordinal);
        Assert.Contains("nobody has finished an attempt yet", markdown, StringComparison.Ordinal);
        Assert.Contains("No participant has answered the SUS yet", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", markdown, StringComparison.Ordinal);
    }

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        var next = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? markdown[start..] : markdown[start..next];
    }
}
