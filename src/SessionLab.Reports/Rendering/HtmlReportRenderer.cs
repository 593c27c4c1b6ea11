using System.Globalization;
using System.Net;
using Markdig;
using Markdig.Renderers;

namespace SessionLab.Reports;

/// <summary>
/// The report as one self-contained HTML file: inline CSS and SVG, no script, no external request, printable.
/// The text comes from the Markdown sections through Markdig with raw HTML disabled, on top of the escaping those
/// sections already apply, and a Content-Security-Policy forbids scripts should anything slip through both.
/// </summary>
public static class HtmlReportRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .DisableHtml()
        .Build();

    public static string Render(StudyReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Render(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the report section by section, so a study of many notes never exists as one Markdown tree or string.</summary>
    internal static void Render(StudyReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new HtmlRenderer(writer);
        Pipeline.Setup(html);
        void Convert(string markdown) => html.Render(Markdown.Parse(markdown, Pipeline));

        var title = WebUtility.HtmlEncode($"{report.Overview.StudyName}: usability test report");
        writer.Write($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>{title}</title>
            <style>{Css}</style>
            </head>
            <body>
            <main>

            """);
        Convert(MarkdownReportRenderer.Title(report));
        writer.Write("\n<section>");
        Convert(MarkdownReportRenderer.Readout(report));
        writer.Write("</section>\n<section>");
        foreach (var part in MarkdownReportRenderer.FindingsInParts(report))
        {
            Convert(part);
        }
        writer.Write("</section>\n<section>");
        Convert(MarkdownReportRenderer.TaskOutcomes(report));
        writer.Write(Figures(report));
        Convert(MarkdownReportRenderer.TaskComments(report));
        writer.Write("</section>\n<section>");
        var statistics = 0;
        foreach (var part in MarkdownReportRenderer.StatisticsInParts(report))
        {
            Convert(part);
            if (++statistics == 2)
            {
                writer.Write($"<figure>{SvgCharts.Sus(report)}<figcaption>SUS scores: each participant as a dot, the average as a diamond with the range the true average could lie in, over the grades of the curved grading scale; the dashed line is the average product (68).</figcaption></figure>");
            }
        }
        writer.Write("</section>\n</main>\n</body>\n</html>\n");
        writer.Flush();
    }

    private static string Figures(StudyReport report) => report.Tasks.IsEmpty
        ? string.Empty
        : $"<figure>{SvgCharts.Completion(report)}<figcaption>Completion by task: the bar is the share who completed it (x of n); the line across it is the range the true rate could lie in.</figcaption></figure>"
          + $"<figure>{SvgCharts.TimeOnTask(report)}<figcaption>Typical time of those who completed each task, with the range it could lie in.</figcaption></figure>";

    private const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #1b1b1b; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 66rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
        section + section > h2:first-child { break-before: page; }
        h2 { margin-top: 2.2rem; padding-bottom: .2rem; border-bottom: 2px solid #1b1b1b; }
        h3 { margin-top: 1.6rem; }
        table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: .75rem 0; }
        th, td { border: 1px solid #767676; padding: .3rem .55rem; text-align: left; vertical-align: top; }
        th { background: #e8eef5; }
        tbody tr:nth-child(even) { background: #f4f6f9; }
        blockquote { margin: .5rem 0; padding: .3rem .9rem; border-left: 4px solid #2b5d8a; background: #f4f6f9; }
        blockquote p { margin: .3rem 0; }
        figure { margin: 1.2rem 0; }
        figcaption { margin-top: .3rem; font-size: .9rem; font-weight: 600; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1b1b1b; }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          table { display: table; }
          figure, blockquote, tr { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
