using System.Globalization;
using System.Text;
using static SessionLab.Reports.ReportText;

namespace SessionLab.Reports;

/// <summary>
/// The report as CommonMark with pipe tables. Every piece of user text goes through <see cref="ReportText.Markdown"/>,
/// so the file stays inert even in a viewer that renders raw HTML. The sections are also what
/// <see cref="HtmlReportRenderer"/> converts, chart by chart.
/// </summary>
public static class MarkdownReportRenderer
{
    public static string Render(StudyReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Render(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the report section by section; the findings, which hold every tagged note, one finding at a time.</summary>
    internal static void Render(StudyReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var section in (string[])[Title(report), Overview(report), TaskSummary(report), TaskOutcomes(report), Sus(report)])
        {
            writer.Write(section);
            writer.Write('\n');
        }
        foreach (var part in FindingsInParts(report))
        {
            writer.Write(part);
        }
        writer.Flush();
    }

    internal static string Title(StudyReport report)
    {
        var o = report.Overview;
        return $"""
            # {Markdown(o.StudyName)}: usability test report

            Generated {Timestamp(o.GeneratedAt)}. Intervals are {Percent(o.ConfidenceLevel)} confidence intervals. Sessions still running count with what was recorded up to then.

            """;
    }

    internal static string Overview(StudyReport report)
    {
        var o = report.Overview;
        var dates = o.FirstSessionAt is { } first && o.LastSessionAt is { } last
            ? Date(first) == Date(last) ? Date(first) : $"{Date(first)} to {Date(last)}"
            : NoData;
        var text = new StringBuilder();
        text.Append("## Overview\n\n| Item | Value |\n|---|---|\n");
        text.Append($"| Goal | {(string.IsNullOrWhiteSpace(o.Goal) ? "not stated" : Markdown(o.Goal))} |\n");
        text.Append($"| Sessions | {o.SessionCount}: {o.EndedSessionCount} ended, {o.LiveSessionCount} live, {o.ScheduledSessionCount} scheduled |\n");
        text.Append($"| Participants | {o.ParticipantCount} |\n");
        text.Append($"| Dates | {dates} |\n");
        text.Append($"| Moderators | {(o.Moderators.IsEmpty ? "none yet" : string.Join(", ", o.Moderators.Select(Markdown)))} |\n");
        text.Append($"| Observation time | {Duration(o.TotalObservationMs)} |\n");
        return text.ToString();
    }

    internal static string TaskSummary(StudyReport report)
    {
        var text = new StringBuilder();
        text.Append("## Tasks\n\n");
        if (report.Tasks.IsEmpty)
        {
            return text.Append("The study has no tasks.\n").ToString();
        }
        text.Append("Completion is successes of attempted tasks (skipped ones left out, partial successes not counted), shown as ");
        text.Append("the best point estimate for small samples (Lewis and Sauro, 2006) with the observed count and the adjusted-Wald interval. ");
        text.Append("Time on task covers successful attempts: the geometric mean below 25 times, the median from 25.\n\n");
        text.Append("| Task | Completion | Time on task | SEQ (1–7) | Errors per attempt | Assists per attempt |\n|---|---|---|---|---|---|\n");
        foreach (var task in report.Tasks)
        {
            var inProgress = task.InProgress > 0 ? $" ({task.InProgress} in progress)" : string.Empty;
            text.Append($"| {task.Number}. {Markdown(task.Title)}{inProgress} | {Proportion(task.Completion)} | {Time(task.Time)} | ");
            text.Append($"{Mean(task.Seq)} | {Mean(task.Errors, 2)} | {Mean(task.Assists, 2)} |\n");
        }
        return text.ToString();
    }

    internal static string TaskOutcomes(StudyReport report)
    {
        var text = new StringBuilder();
        if (report.Tasks.IsEmpty)
        {
            return string.Empty;
        }
        text.Append("### Outcomes by participant\n\n");
        if (report.Participants.IsEmpty)
        {
            return text.Append("No session has started yet.\n").ToString();
        }
        ParticipantHeader(text, report, "Task");
        foreach (var task in report.Tasks)
        {
            text.Append($"| {task.Number}. {Markdown(task.Title)} |").AppendJoin(string.Empty, task.ByParticipant.Select(c => $" {Outcome(c)} |")).Append('\n');
        }
        text.Append("\nA dash means not attempted; times are h:mm:ss.\n");
        return text.ToString();
    }

    internal static string Sus(StudyReport report)
    {
        var sus = report.Sus;
        var text = new StringBuilder();
        text.Append("## System Usability Scale\n\n");
        if (sus.Mean is null || sus.Grade is null || sus.PercentileRank is null)
        {
            return text.Append("No participant has answered the SUS yet: no data.\n").ToString();
        }
        text.Append($"Mean SUS {Mean(sus.Mean)}: grade {sus.Grade.Letter} on the Sauro–Lewis curved grading scale, ");
        text.Append($"percentile rank {Number(sus.PercentileRank.Value, 0)} (from the same scale).\n\n");
        text.Append("| Participant | SUS | Grade | Percentile rank |\n|---|---|---|---|\n");
        foreach (var (participant, result) in report.Participants.Zip(sus.ByParticipant))
        {
            text.Append(result.Score is { } score
                ? $"| {Markdown(participant.Label)} | {Number(score)} | {result.Grade!.Letter} | {Number(result.PercentileRank!.Value, 0)} |\n"
                : $"| {Markdown(participant.Label)} | {NoData} | | |\n");
        }
        return text.ToString();
    }

    internal static string Findings(StudyReport report) => string.Concat(FindingsInParts(report));

    /// <summary>
    /// The findings section as the matrix, then one part per finding with its quotes and notes. Each part is complete
    /// Markdown on its own, so the HTML renderer converts one at a time instead of holding every note of a large study
    /// in one syntax tree.
    /// </summary>
    internal static IEnumerable<string> FindingsInParts(StudyReport report)
    {
        var text = new StringBuilder();
        text.Append("## Findings\n\n");
        if (report.Findings.IsEmpty)
        {
            yield return text.Append("The study has no tags and no note carries one.\n").ToString();
            yield break;
        }
        text.Append("One row per tag, one column per participant with the number of their notes carrying it. Rows are ordered by ");
        text.Append("severity (team-set, Nielsen's 0–4 scale) times the share of participants affected; the share comes with its adjusted-Wald interval.\n\n");
        ParticipantHeader(text, report, "Finding", "Severity", "Participants");
        foreach (var row in report.Findings)
        {
            text.Append($"| {TagName(row)} | {Severity(row.Severity)} | {Affected(row)} |");
            text.AppendJoin(string.Empty, row.Cells.Select(c => c.NoteCount == 0 ? " · |" : $" {c.NoteCount} |")).Append('\n');
        }
        yield return text.ToString();

        foreach (var row in report.Findings.Where(r => !r.Notes.IsEmpty))
        {
            text.Clear();
            text.Append($"\n### {TagName(row)}\n\nSeverity {Severity(row.Severity)}; {Affected(row)}.\n");
            if (!row.Quotes.IsEmpty)
            {
                text.Append("\nQuotes:\n\n");
                foreach (var quote in row.Quotes)
                {
                    text.Append($"> “{Markdown(quote.Text)}” ({Where(quote)})\n>\n");
                }
                text.Length -= 2;
            }
            text.Append("\nNotes:\n\n");
            foreach (var note in row.Notes)
            {
                // The one loop over every tagged note: appended piece by piece, without a string per note.
                AppendWhere(text.Append("- "), note).Append(", ").Append(Lower(note.Kind)).Append(": ").AppendMarkdown(note.Text).Append('\n');
            }
            yield return text.ToString();
        }
    }

    /// <summary>A table header of fixed columns followed by one column per participant.</summary>
    private static void ParticipantHeader(StringBuilder text, StudyReport report, params string[] columns)
    {
        var labels = columns.Concat(report.Participants.Select(p => Markdown(p.Label))).ToArray();
        text.Append("| ").AppendJoin(" | ", labels).Append(" |\n|").Append(string.Concat(Enumerable.Repeat("---|", labels.Length))).Append('\n');
    }

    private static string TagName(FindingRow row) => "\\#" + Markdown(row.Tag) + (row.InPalette ? string.Empty : " (not in palette)");

    private static string Affected(FindingRow row) => row.Frequency is { } f
        ? $"{f.Successes} of {f.Trials} ({Percent(f.Observed)}, {PercentRange(f.Interval)})"
        : NoData;

    private static string Where(NoteReference note) => AppendWhere(new StringBuilder(), note).ToString();

    /// <remarks>The clip URL is built by the server from ids and an absolute http(s) base, and percent-encoded: safe in a link.</remarks>
    private static StringBuilder AppendWhere(StringBuilder text, NoteReference note)
    {
        text.AppendMarkdown(note.ParticipantLabel).Append(" at ").Append(Clock(note.ClockOffsetMs)).Append(", session ").AppendMarkdown(note.SessionId);
        return note.ClipUrl is { } clip ? text.Append(" · [▶ clip](<").Append(clip).Append(">)") : text;
    }
}
