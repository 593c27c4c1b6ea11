namespace SessionLab.Reports.Tests;

public sealed class MarkdownReportRendererTests
{
    [Fact]
    public void ReportShowsEverySectionWithItsNumbers()
    {
        var markdown = MarkdownReportRenderer.Render(SampleStudy.Report());

        Assert.Contains("# Checkout study: usability test report", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sessions | 5: 3 ended, 1 live, 1 scheduled |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Moderators | Ben, Mia |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Dates | 2026-11-20 to 2026-11-22 |", markdown, StringComparison.Ordinal);
        // 3 of 3: Laplace (3+1)/(3+2) = 80%, never a bare 100%.
        Assert.Contains("| 1. Find a product (1 in progress) | 80% (3 of 3; ", markdown, StringComparison.Ordinal);
        Assert.Contains("s geometric mean (", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2. Pay | partial | fail | success 0:02:30 |", Outcomes(markdown), StringComparison.Ordinal);
        Assert.Contains("grade ", markdown, StringComparison.Ordinal);
        Assert.Contains("| \\#search | 2 minor | 2 of 4 (50%, 15–85%) | 1 | 1 | · | · |", markdown, StringComparison.Ordinal);
        Assert.Contains("> “Where would I even start?” (P1 at 0:00:40, session s1)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataReadsAsNoDataNeverNaN()
    {
        var report = StudyReportBuilder.Build(TestStudy.Create(), [], new Dictionary<string, int>(), TestStudy.Day);

        var markdown = MarkdownReportRenderer.Render(report);

        Assert.Contains("no data", markdown, StringComparison.Ordinal);
        Assert.Contains("No participant has answered the SUS yet", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", markdown, StringComparison.Ordinal);
    }

    private static string Outcomes(string markdown) =>
        markdown[markdown.IndexOf("### Outcomes by participant", StringComparison.Ordinal)..];
}
