using System.Text.RegularExpressions;
using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>What a product team reads in the report of a realistic study run in two rounds.</summary>
public sealed class TwoRoundsReportTests
{
    private static readonly string Markdown = MarkdownReportRenderer.Render(TwoRounds.Compared());
    private static readonly string FirstRound = MarkdownReportRenderer.Render(TwoRounds.First());
    private static readonly string Html = HtmlReportRenderer.Render(TwoRounds.First());

    [Fact]
    public void EveryNoteIsInTheReportIncludingUntaggedOnes()
    {
        var report = TwoRounds.First();

        Assert.All(report.Notes, note => Assert.Contains(note.Text, FirstRound, StringComparison.Ordinal));
        var untagged = FirstRound[FirstRound.IndexOf("### Notes without a tag", StringComparison.Ordinal)..];
        Assert.Contains("2 notes have no tag", untagged, StringComparison.Ordinal);
        Assert.Contains("**P1**\n\n- P1 at 0:00:50, observation: " + TwoRounds.UntaggedNote, untagged, StringComparison.Ordinal);
        Assert.Contains("**P3**\n\n- P3 at 0:00:10, observation: Asks whether there is a store locator", untagged, StringComparison.Ordinal);
        Assert.Contains(TwoRounds.UntaggedNote, Html, StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsAppearWithTheirTask()
    {
        var task = Between(FirstRound, "### 1. Find a product", "### 2. Pay");

        Assert.Contains("- P1 (with their ease rating): “" + TwoRounds.SeqComment + "”", task, StringComparison.Ordinal);
        Assert.Contains("- Moderator on P2: “" + TwoRounds.ModeratorComment + "”", task, StringComparison.Ordinal);
        Assert.Contains(TwoRounds.ModeratorComment, Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderTextNamesParticipantsByAliasNeverByInternalId()
    {
        var ids = TwoRounds.SessionIds(TwoRounds.First()).AddRange(TwoRounds.SessionIds(TwoRounds.Second())).Add("st_round1").Add("st_round2");

        Assert.All(ids, id => Assert.DoesNotContain(id, Markdown, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.DoesNotContain(id, FirstRound, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.DoesNotContain(id, Html, StringComparison.Ordinal));
    }

    [Fact]
    public void AQuoteTypedWithItsOwnQuotationMarksIsNotDoubleQuoted()
    {
        Assert.Contains("“I'd never find this” (P1 at 0:00:30)", FirstRound, StringComparison.Ordinal);
        Assert.DoesNotContain("“\"", FirstRound, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTopFindingCarriesItsEvidenceAndRecommendation()
    {
        var top = Between(FirstRound, "### Top findings", "### Tasks");

        Assert.Contains("1. **#nav**: seen with 3 of 5 participants; severity 3 major.", top, StringComparison.Ordinal);
        Assert.Contains("   - “I'd never find this” (P1 at 0:00:30)", top, StringComparison.Ordinal);
        Assert.Contains("   - Recommendation: " + TwoRounds.Idea + " (P1 at 0:00:40)", top, StringComparison.Ordinal);
        // 3 of 5: 1 − 0.4⁵ = 99 %; 85 % sure needs 3 participants (1 − 0.4² = 84 % is short of it).
        Assert.Contains("A problem that affects 60% of users shows up at least once with 5 people 99% of the time; 3 participants are enough to be 85% sure of seeing one this common.", FirstRound, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallSamplesAreSaidInWords()
    {
        Assert.Contains("1. **Find a product**: 2 of 5 completed; with 5 people the true rate could be anywhere from 12% to 77%.", FirstRound, StringComparison.Ordinal);
        Assert.Contains("Errors: 3 errors in 5 attempts. Moderator help: helped 1 time in 5 attempts.", FirstRound, StringComparison.Ordinal);
    }

    [Fact]
    public void TheComparisonSaysWhatChangedAndWhetherItCouldBeChance()
    {
        var compared = Between(Markdown, "### Compared with Checkout, round 1", "## Findings in detail");

        Assert.Contains("- **find a product**: Completion 5 of 5 (100%) against 2 of 5 (40%) in Checkout, round 1: 60 points higher; "
            + "the true change could be anywhere from −2 to +88 points; unlikely to be chance (p = 0.0495).", compared, StringComparison.Ordinal);
        Assert.Contains("Typical time 46 s against 1 min 50 s in Checkout, round 1: 0.42 times as long (the true ratio could be anywhere from 0.28 times to 0.62 times); unlikely to be chance (p = 0.0046)", compared, StringComparison.Ordinal);
        Assert.Contains("- **Pay**: Completion 3 of 4 (75%) against 3 of 4 (75%) in Checkout, round 1: the same rate;", compared, StringComparison.Ordinal);
        Assert.Contains("this could well be chance (p = 1.00)", compared, StringComparison.Ordinal);
        Assert.Contains("- **SUS**: mean score 90.0 against 50.6 in Checkout, round 1: 39.4 higher (the true difference could be anywhere from +20.8 to +57.9); unlikely to be chance (p = 0.0029).", compared, StringComparison.Ordinal);
    }

    [Fact]
    public void TheComparisonTableNamesItsMethods()
    {
        var table = Markdown[Markdown.IndexOf("### Compared with Checkout, round 1\n\nThis study against", StringComparison.Ordinal)..];

        Assert.Contains("N − 1 two-proportion test", table, StringComparison.Ordinal);
        Assert.Contains("Welch's t test on log times", table, StringComparison.Ordinal);
        Assert.Contains("| find a product | completion | 5 of 5 | 2 of 5 | +60 points | −2 to +88 | 0.0495 (N − 1 two-proportion test) |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void EachStudyIsHeldAgainstThePublishedAverages()
    {
        var benchmarks = Between(Markdown, "### Against published averages", "### Compared with");

        Assert.Contains("| SUS | 90, above the published average of 68; the difference is unlikely to be chance", benchmarks, StringComparison.Ordinal);
        Assert.Contains("| 2. find a product: completion | 100%, above the published average of 78%; with 5 people this could well be chance (p = 0.14) |", benchmarks, StringComparison.Ordinal);
    }

    [Fact]
    public void OneParticipantIsDrawnAsObservedAndCalledTooFewToTell()
    {
        var report = StudyReportBuilder.Build(
            TestStudy.Create(),
            [TestStudy.Session("s1", "P1").Start(TestStudy.Day).Task("t1", 0, 30_000, TaskOutcome.Success).Task("t2", 40_000, 90_000, TaskOutcome.Fail).State],
            new Dictionary<string, int>(),
            TestStudy.Day.AddDays(1));

        var markdown = MarkdownReportRenderer.Render(report);
        var chart = Regex.Match(HtmlReportRenderer.Render(report), "<svg [^>]*chart-completion.*?</svg>", RegexOptions.Singleline).Value;

        Assert.Contains("1 of 1 completed; one person is too few to tell how many users would complete it", markdown, StringComparison.Ordinal);
        Assert.Contains("0 of 1 completed; one person is too few to tell", markdown, StringComparison.Ordinal);
        // The bars are the observed 100 % and 0 % of the 420-pixel plot, not the small-sample estimates 67 % and 40 %.
        Assert.Equal(["420.0", "0.0"], Regex.Matches(chart, "<rect [^>]*width=\"([0-9.]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("1 of 1, too few to tell", chart, StringComparison.Ordinal);
    }

    private static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{from}' is missing");
        var end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }
}
