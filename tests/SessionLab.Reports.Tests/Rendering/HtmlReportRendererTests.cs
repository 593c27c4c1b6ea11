using System.Text.RegularExpressions;

namespace SessionLab.Reports.Tests;

public sealed class HtmlReportRendererTests
{
    [Fact]
    public void HtmlIsOneSelfContainedFileWithThreeAccessibleCharts()
    {
        var html = HtmlReportRenderer.Render(SampleStudy.Report());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)\\s*=", html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<svg "));
        Assert.Equal(3, Regex.Count(html, "role=\"img\" aria-labelledby=\"chart-[a-z]+-title chart-[a-z]+-desc\""));
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyStudyStillRenders()
    {
        var report = StudyReportBuilder.Build(TestStudy.Create(tasks: [], tags: []), [], new Dictionary<string, int>(), TestStudy.Day);

        var html = HtmlReportRenderer.Render(report);

        Assert.Contains("The study has no tasks.", html, StringComparison.Ordinal);
        Assert.Contains("no SUS answers yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTimeAxisNeverRepeatsALabelWhenNoTaskHasTimes()
    {
        var report = StudyReportBuilder.Build(TestStudy.Create(), [], new Dictionary<string, int>(), TestStudy.Day);

        var chart = Regex.Match(HtmlReportRenderer.Render(report), "<svg [^>]*chart-time.*?</svg>", RegexOptions.Singleline).Value;
        var labels = Regex.Matches(chart, @">(\d+) s<").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(labels);
        Assert.Equal(labels.Distinct().Count(), labels.Count);
    }
}
