using System.Text.RegularExpressions;
using SessionLab.Sessions;

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

    [Fact]
    public void ATimeIntervalOfTwoTimesIsNotDrawnAndDoesNotStretchTheAxis()
    {
        // Two times (30 s and 2 min) give a t interval up to 111 h; drawn, it would put every time at the left edge.
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day).Task("t1", 0, 30_000, TaskOutcome.Success).State,
            TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1)).Task("t1", 0, 120_000, TaskOutcome.Success).State,
        ];
        var report = StudyReportBuilder.Build(TestStudy.Create(), sessions, new Dictionary<string, int>(), TestStudy.Day.AddDays(1));

        var chart = Regex.Match(HtmlReportRenderer.Render(report), "<svg [^>]*chart-time.*?</svg>", RegexOptions.Singleline).Value;

        Assert.DoesNotContain("<path", chart, StringComparison.Ordinal);
        Assert.Contains("1 min 00 s, 2 times, too few to tell", chart, StringComparison.Ordinal);
        Assert.Contains(">60 s<", chart, StringComparison.Ordinal);
        Assert.DoesNotContain(">80 s<", chart, StringComparison.Ordinal);
    }
}
