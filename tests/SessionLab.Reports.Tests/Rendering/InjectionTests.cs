using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;

namespace SessionLab.Reports.Tests;

public sealed partial class InjectionTests
{
    private static readonly StudyReport Report = HostileStudy.Report();

    [Fact]
    public void HtmlReportContainsNoLiveMarkupFromUserText()
    {
        var html = HtmlReportRenderer.Render(Report);

        AssertNoLiveMarkup(html);
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("**bold**", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", html, StringComparison.Ordinal);
        // The text is still there for the reader, as text.
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("[x](javascript:alert(1))", html, StringComparison.Ordinal);
        Assert.Contains("&amp;lt;script&amp;gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownReportStaysInertEvenInAViewerThatAllowsHtmlAndAutolinks()
    {
        var markdown = MarkdownReportRenderer.Render(Report);
        var permissive = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

        var html = Markdown.ToHtml(markdown, permissive);

        AssertNoLiveMarkup(html);
        Assert.DoesNotContain("<del>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void UserTextCannotBreakTableRowsOrOpenHeadings()
    {
        var html = Markdown.ToHtml(MarkdownReportRenderer.Render(Report), new MarkdownPipelineBuilder().UsePipeTables().Build());

        // Headings are the report's own: the title; readout, findings, tasks and statistics; in the readout top findings,
        // tasks and SUS; one per finding with notes; one per task; four kinds of statistics.
        Assert.Equal(1, Regex.Count(html, "<h1"));
        Assert.Equal(4, Regex.Count(html, "<h2"));
        Assert.Equal(3 + 2 + 1 + 4, Regex.Count(html, "<h3"));
        // Findings table: a header and one row per tag, each with 3 + 1 participant cells.
        var findings = html[html.IndexOf("<h2>Findings", StringComparison.Ordinal)..];
        var table = findings[..findings.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(1 + Report.Findings.Length, Regex.Count(table, "<tr>"));
        Assert.Equal(Report.Findings.Length * 4, Regex.Count(table, "<td"));
    }

    [Fact]
    public void NoCsvCellCanStartAFormula()
    {
        string[] exports = [CsvReportWriter.Notes(Report), CsvReportWriter.Attempts(Report), CsvReportWriter.QuestionnaireAnswers(Report)];

        var cells = exports.SelectMany(Csv.Parse).SelectMany(row => row).ToArray();

        Assert.All(cells, cell => Assert.False(cell.TrimStart(' ').Length > 0 && "=+-@\t\r".Contains(cell.TrimStart(' ')[0]), $"Formula cell: {cell}"));
        var notes = Csv.Parse(CsvReportWriter.Notes(Report));
        var texts = notes.Skip(1).Select(row => row[^1]).ToArray();
        Assert.Contains("'" + HostileStudy.Formula, texts);
        Assert.Contains("'+cmd|' /C calc'!A0", texts);
        Assert.Contains("'@SUM(1+1)", texts);
        Assert.Contains("'-2+3", texts);
        Assert.Contains("'\t=1+1", texts);
        Assert.Contains("'   =1+1", texts);
        Assert.Contains("pipe | breaks\nthe row\r\n# and opens a heading", texts);
        Assert.All(notes.Skip(1), row => Assert.Equal("'" + HostileStudy.Formula, row[1]));
    }

    [Fact]
    public void JsonKeepsTextVerbatimButEscapesMarkupCharacters()
    {
        var json = JsonReportRenderer.Render(Report);

        Assert.DoesNotContain("<script", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(HostileStudy.Script, root.GetProperty("overview").GetProperty("studyName").GetString());
        Assert.Equal(HostileStudy.JavascriptLink, root.GetProperty("tasks")[0].GetProperty("title").GetString());
        Assert.Equal([HostileStudy.Image, HostileStudy.Formula], root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("tag").GetString()));
        var quotes = root.GetProperty("findings")[0].GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("text").GetString()).ToArray();
        Assert.Equal(Report.Findings[0].Quotes.Select(q => q.Text), quotes);
        Assert.Contains(HostileStudy.Script, quotes);
    }

    private static void AssertNoLiveMarkup(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(AttributeHandler(), html);
    }

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex AttributeHandler();
}
