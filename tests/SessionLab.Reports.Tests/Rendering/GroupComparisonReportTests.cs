using System.Text.Json;
using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>What a reader sees when one study's sessions are split in two groups and compared, as two rounds are.</summary>
public sealed class GroupComparisonReportTests
{
    private static readonly Study Study = TestStudy.Create(id: "st_round1", name: "Checkout, round 1");

    /// <summary>The study's report with its sessions split as <paramref name="groups"/> says, as the report service does it.</summary>
    private static StudyReport Compared(SessionGroups groups)
    {
        var sessions = TwoRounds.FirstSessions();
        var severities = new Dictionary<string, int> { ["nav"] = 3 };
        var (first, second) = groups.Resolve(sessions);
        var report = StudyReportBuilder.Build(Study, sessions, severities, TwoRounds.GeneratedAt);
        return report with
        {
            Comparison = RoundComparer.CompareGroups(
                StudyReportBuilder.Build(Study, first, severities, TwoRounds.GeneratedAt), SessionGroups.Label(groups.First, first),
                StudyReportBuilder.Build(Study, second, severities, TwoRounds.GeneratedAt), SessionGroups.Label(groups.Second, second)),
        };
    }

    [Fact]
    public void TwoGroupsAreComparedTaskByTaskInSentencesThatNameTheGroupsAndWhoIsInThem()
    {
        var markdown = MarkdownReportRenderer.Render(Compared(SessionGroups.From("P1, p2", "P3,P4,P5")));

        var readout = Between(markdown, "### Group A (P1, P2) compared with group B (P3, P4, P5)", "## Findings in detail");
        Assert.Contains("- **Find a product**: Completion 1 of 2 (50%) against 1 of 3 (33%) in group B (P3, P4, P5): 17 points higher;", readout, StringComparison.Ordinal);
        Assert.Contains("- **Pay**: Completion 2 of 2 (100%) against 1 of 2 (50%) in group B (P3, P4, P5): 50 points higher;", readout, StringComparison.Ordinal);
        Assert.Contains("- **SUS**: mean score ", readout, StringComparison.Ordinal);
        Assert.Contains("could well be chance", readout, StringComparison.Ordinal);
        var statistics = markdown[markdown.LastIndexOf("### Group A (P1, P2) compared with group B (P3, P4, P5)", StringComparison.Ordinal)..];
        Assert.Contains("Two groups of this study's sessions: group A (P1, P2) against group B (P3, P4, P5), tasks matched by title.", statistics, StringComparison.Ordinal);
        Assert.Contains("| Task | Measure | First group | Second group | Difference | Range | p |", statistics, StringComparison.Ordinal);
        Assert.Contains("| Find a product | completion | 1 of 2 | 1 of 3 | +17 points |", statistics, StringComparison.Ordinal);
        Assert.DoesNotContain("round", Between(markdown, "### Group A", "## Findings in detail"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnEmptyGroupIsSaidInWordsInsteadOfATableOfBlanks()
    {
        var report = Compared(SessionGroups.From("P1,P2", ""));
        var markdown = MarkdownReportRenderer.Render(report);
        var html = HtmlReportRenderer.Render(report);

        Assert.Equal(2, CountOf(markdown, "### Group A (P1, P2) compared with group B (no sessions)\n\nGroup B (no sessions) has no participants, so there is nothing to compare yet.\n"));
        Assert.DoesNotContain("First group", markdown, StringComparison.Ordinal);
        Assert.Contains("Group B (no sessions) has no participants, so there is nothing to compare yet.", html, StringComparison.Ordinal);
        Assert.Equal(0, report.Comparison!.OtherParticipantCount);
    }

    [Fact]
    public void GroupsMayHaveNamesOfTheirOwn()
    {
        var markdown = MarkdownReportRenderer.Render(Compared(SessionGroups.From("P1,P2", "P3", "first-time shoppers", "returning shoppers")));

        Assert.Contains("### First-time shoppers (P1, P2) compared with returning shoppers (P3)", markdown, StringComparison.Ordinal);
        Assert.Contains("against 1 of 1 (100%) in returning shoppers (P3)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheJsonMetricsSayTheComparisonIsOfGroups()
    {
        var json = JsonDocument.Parse(JsonReportRenderer.Render(Compared(SessionGroups.From("P1,P2", "se_round1_p3")))).RootElement.GetProperty("comparison");

        Assert.Equal("groups", json.GetProperty("kind").GetString());
        Assert.Equal("group A (P1, P2)", json.GetProperty("name").GetString());
        Assert.Equal(2, json.GetProperty("participantCount").GetInt32());
        Assert.Equal("group B (P3)", json.GetProperty("otherStudyName").GetString());
    }

    [Fact]
    public void AMemberThatNamesNoSessionOrASessionInBothGroupsIsRefusedWithWhatWasWrong()
    {
        var sessions = TwoRounds.FirstSessions();

        var unknown = Assert.Throws<InvalidSessionGroupsException>(() => SessionGroups.From("P1,P9", "P2").Resolve(sessions));
        var both = Assert.Throws<InvalidSessionGroupsException>(() => SessionGroups.From("P1,P2", "p2").Resolve(sessions));

        Assert.Equal("'P9' in group A is neither a participant alias nor a session id of this study.", unknown.Message);
        Assert.Equal("Participant P2 (se_round1_p2) is in both groups; put each session in one group.", both.Message);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not in the report");
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..(to < 0 ? text.Length : to)];
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
