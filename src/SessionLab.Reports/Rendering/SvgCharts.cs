using System.Globalization;
using System.Net;
using System.Text;
using static SessionLab.Reports.ReportText;

namespace SessionLab.Reports;

/// <summary>
/// Inline SVG charts for the HTML report: no script, no external resource, every text node HTML-encoded. Colours keep
/// text at 4.5:1 or more against its background and marks at 3:1 or more (WCAG 2.1 AA); each chart has a title and a
/// description, and the table next to it carries the same numbers for screen readers and print.
/// </summary>
internal static class SvgCharts
{
    private const int Width = 760;
    private const int LabelRight = 232;
    private const int PlotLeft = 244;
    private const int PlotRight = 664;
    private const int RowHeight = 30;
    private const int Top = 34;
    private const string Ink = "#1b1b1b";
    private const string Bar = "#2b5d8a";
    private const string Grid = "#c4c4c4";
    private const string Point = "#8a3300";

    /// <remarks>
    /// The bar is the observed rate x/n, never a small-sample point estimate a reader would take for it (a 0 of 1 drawn as
    /// 40 % reads as a bug); the interval is a separate whisker. Where the sample is too small to tell, the row says so.
    /// </remarks>
    public static string Completion(StudyReport report) => TaskChart(
        report,
        "chart-completion",
        "Completion by task",
        $"For each task, a bar for the share of people who completed it (x of n) and a line for the range the true rate could lie in ({Percent(report.Overview.ConfidenceLevel)} confidence, adjusted-Wald), 0 to 100%.",
        [0, 25, 50, 75, 100],
        v => v / 100.0,
        v => $"{v}%",
        task => task.Completion,
        (svg, c, y) =>
        {
            svg.Append(Invariant($"<rect x=\"{PlotLeft}\" y=\"{y + 4}\" width=\"{X(c.Observed) - PlotLeft:F1}\" height=\"14\" fill=\"{Bar}\"/>"));
            Whisker(svg, X(c.Interval.Lower), X(c.Interval.Upper), y + 11);
            var note = PlainWords.TooFewToTell(c) ? ", too few to tell" : string.Empty;
            Text(svg, X(c.Interval.Upper) + 8, y + 15, $"{c.Successes} of {c.Trials}{note}", "start");
        });

    public static string TimeOnTask(StudyReport report)
    {
        // An interval that only says "too few times" (0 s to 111 h) is not drawn, so it cannot squash every other row.
        static Interval? Drawn(TimeEstimate t) => t.Interval is { } interval && PlainWords.TellsSomething(interval) ? interval : null;
        var max = report.Tasks.Select(t => t.Time).OfType<TimeEstimate>().Select(t => Drawn(t)?.Upper ?? t.Value).DefaultIfEmpty(1).Max();
        // Labels are whole seconds: a finer step would print the same label twice ("0 s, 0 s, 1 s").
        var step = Math.Max(1, NiceStep(max / 4));
        var ticks = Enumerable.Range(0, (int)Math.Ceiling(max / step) + 1).Select(i => i * step).ToArray();
        var top = ticks[^1];
        return TaskChart(
            report,
            "chart-time",
            "Typical time on task of those who completed it",
            $"For each task, a dot for the typical time of those who completed it (geometric mean under 25 times, median from 25) and a line for the range it could lie in ({Percent(report.Overview.ConfidenceLevel)} confidence), in seconds.",
            ticks,
            v => v / top,
            v => $"{Number(v, 0)} s",
            task => task.Time,
            (svg, t, y) =>
            {
                if (Drawn(t) is { } interval)
                {
                    Whisker(svg, X(interval.Lower / top), X(interval.Upper / top), y + 11);
                }
                svg.Append(Invariant($"<circle cx=\"{X(t.Value / top):F1}\" cy=\"{y + 11}\" r=\"5\" fill=\"{Bar}\"/>"));
                var right = X((Drawn(t)?.Upper ?? t.Value) / top);
                var note = t.Interval is not null && Drawn(t) is null ? ", too few to tell" : string.Empty;
                Text(svg, right + 8, y + 15, $"{PlainWords.Duration(t.Value)}, {PlainWords.Count(t.Count, "time", "times")}{note}", "start");
            });
    }

    public static string Sus(StudyReport report)
    {
        const int left = 40;
        const int right = 720;
        const int bandTop = 44;
        const int bandHeight = 86;
        static double SusX(double score) => left + ((right - left) * score / 100);

        var scores = report.Sus.ByParticipant.Select(r => r.Score).OfType<double>().ToArray();
        var svg = Open("chart-sus", 190, "SUS scores against the curved grading scale",
            "Each participant's SUS score as a dot, the mean as a diamond with its interval, over the Sauro–Lewis grade bands from F to A+; the dashed line is the benchmark average of 68.");
        var grades = SusScale.Grades.Reverse().ToArray();
        for (var i = 0; i < grades.Length; i++)
        {
            var grade = grades[i];
            var upper = i + 1 < grades.Length ? grades[i + 1].MinScore : 100;
            var x = SusX(grade.MinScore);
            svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{bandTop}\" width=\"{SusX(upper) - x:F1}\" height=\"{bandHeight}\" fill=\"{(i % 2 == 0 ? "#e8eef5" : "#d2deea")}\"/>"));
            // Narrow bands (C+, B-) sit next to each other: alternate label rows so letters never overlap.
            Text(svg, (x + SusX(upper)) / 2, i % 2 == 0 ? 20 : 36, grade.Letter, "middle");
        }
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            Text(svg, SusX(tick), bandTop + bandHeight + 18, tick.ToString(CultureInfo.InvariantCulture), "middle");
        }
        svg.Append(Invariant($"<line x1=\"{SusX(SusScale.BenchmarkMean):F1}\" y1=\"{bandTop}\" x2=\"{SusX(SusScale.BenchmarkMean):F1}\" y2=\"{bandTop + bandHeight}\" stroke=\"{Ink}\" stroke-dasharray=\"4 3\"/>"));
        Text(svg, SusX(SusScale.BenchmarkMean), bandTop + bandHeight + 36, "benchmark 68", "middle");

        var stacked = new Dictionary<double, int>();
        foreach (var score in scores)
        {
            var level = stacked[score] = stacked.GetValueOrDefault(score) + 1;
            svg.Append(Invariant($"<circle cx=\"{SusX(score):F1}\" cy=\"{bandTop + 14 + ((level - 1) * 10) % 40}\" r=\"4\" fill=\"{Point}\"/>"));
        }
        if (report.Sus.Mean is { } mean)
        {
            var y = bandTop + 66;
            if (mean.Interval is { } interval)
            {
                Whisker(svg, SusX(interval.Lower), SusX(interval.Upper), y);
            }
            var x = SusX(mean.Mean);
            svg.Append(Invariant($"<path d=\"M{x:F1} {y - 8} l8 8 l-8 8 l-8 -8 z\" fill=\"{Ink}\"/>"));
        }
        else
        {
            Text(svg, (left + right) / 2.0, bandTop + 70, "no SUS answers yet", "middle");
        }
        return Close(svg);
    }

    /// <summary>One labelled row per task on a shared horizontal axis; a task without data says so instead of drawing.</summary>
    private static string TaskChart<T>(
        StudyReport report,
        string id,
        string title,
        string description,
        IReadOnlyList<double> ticks,
        Func<double, double> scale,
        Func<double, string> tickLabel,
        Func<TaskReport, T?> value,
        Action<StringBuilder, T, int> draw)
        where T : class
    {
        var tasks = report.Tasks;
        var height = Top + (RowHeight * tasks.Length) + 12;
        var svg = Open(id, height, title, description);
        Axis(svg, height, ticks, scale, tickLabel);
        for (var i = 0; i < tasks.Length; i++)
        {
            var y = Top + (i * RowHeight);
            Label(svg, y, $"{tasks[i].Number}. {tasks[i].Title}");
            if (value(tasks[i]) is { } data)
            {
                draw(svg, data, y);
            }
            else
            {
                Text(svg, PlotLeft + 4, y + 15, NoData, "start");
            }
        }
        return Close(svg);
    }

    private static StringBuilder Open(string id, int height, string title, string description)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">"));
        svg.Append($"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axis(StringBuilder svg, int height, IReadOnlyList<double> ticks, Func<double, double> scale, Func<double, string> label)
    {
        foreach (var tick in ticks)
        {
            var x = X(scale(tick));
            svg.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"{Top - 6}\" x2=\"{x:F1}\" y2=\"{height - 8}\" stroke=\"{Grid}\"/>"));
            Text(svg, x, Top - 12, label(tick), "middle");
        }
    }

    private static void Label(StringBuilder svg, int y, string text) =>
        Text(svg, LabelRight, y + 15, text.Length > 34 ? text[..33] + "…" : text, "end");

    private static void Whisker(StringBuilder svg, double from, double to, double y) => svg.Append(Invariant(
        $"<path d=\"M{from:F1} {y - 6} v12 M{from:F1} {y} H{to:F1} M{to:F1} {y - 6} v12\" stroke=\"{Ink}\" stroke-width=\"2\" fill=\"none\"/>"));

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\">{Encode(text)}</text>"));

    private static double X(double fraction) => PlotLeft + ((PlotRight - PlotLeft) * Math.Clamp(fraction, 0, 1));

    /// <summary>1, 2 or 5 times a power of ten: ticks people can read at a glance.</summary>
    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1e-9))));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
