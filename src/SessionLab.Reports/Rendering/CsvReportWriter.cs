using System.Globalization;
using System.Text;
using static SessionLab.Reports.ReportText;

namespace SessionLab.Reports;

/// <summary>
/// The raw rows behind a report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
/// quote or line break, quotes doubled), timestamps in ISO 8601 UTC. A cell that a spreadsheet would read as a formula
/// (first character = + - @, tab or carriage return, after any leading spaces) is prefixed with an apostrophe, as OWASP's
/// CSV injection guidance advises, so opening an export never runs what a participant or observer typed.
/// </summary>
public static class CsvReportWriter
{
    public static string Notes(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, "session_id", "participant", "note_id", "clock_offset_ms", "clock", "created_at", "edited_at", "author", "kind", "quote", "task_id", "tags", "clip_url", "text");
        foreach (var n in report.Notes)
        {
            Row(csv, n.SessionId, n.ParticipantLabel, n.NoteId.ToString(), Integer(n.ClockOffsetMs), Clock(n.ClockOffsetMs), Timestamp(n.CreatedAt),
                n.EditedAt is { } edited ? Timestamp(edited) : null, n.Author, Lower(n.Kind), n.IsQuote ? "yes" : "no", n.TaskId,
                string.Join(' ', n.Tags.Select(t => "#" + t)), n.ClipUrl, n.Text);
        }
        return csv.ToString();
    }

    public static string Attempts(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, "session_id", "participant", "task_id", "task_title", "start_offset_ms", "end_offset_ms", "started_at", "ended_at", "duration_ms",
            "outcome", "errors", "assists", "comment", "seq", "seq_comment");
        foreach (var a in report.Attempts)
        {
            Row(csv, a.SessionId, a.ParticipantLabel, a.TaskId, a.TaskTitle, Integer(a.StartOffsetMs), Integer(a.EndOffsetMs),
                a.StartedAt is { } started ? Timestamp(started) : null, a.EndedAt is { } ended ? Timestamp(ended) : null, Integer(a.DurationMs),
                a.Outcome is { } outcome ? Lower(outcome) : a.EndOffsetMs is null ? "in progress" : null,
                Integer(a.Errors), Integer(a.Assists), a.Comment, Integer(a.SeqRating), a.SeqComment);
        }
        return csv.ToString();
    }

    public static string QuestionnaireAnswers(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Row(csv, "session_id", "participant", "questionnaire", "task_id", "item", "response", "comment");
        foreach (var a in report.Answers)
        {
            Row(csv, a.SessionId, a.ParticipantLabel, a.Kind.ToString().ToUpperInvariant(), a.TaskId, Integer(a.Item), Integer(a.Response), a.Comment);
        }
        return csv.ToString();
    }

    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        // Spreadsheets skip what they do not show (NUL, U+200B, a BOM, bidi marks) before deciding a cell is a
        // formula, so a formula behind invisible characters is neutralised too.
        var visible = value.AsSpan().TrimStart(' ');
        while (visible.Length > 0 && (char.IsWhiteSpace(visible[0]) || char.IsControl(visible[0]) || char.GetUnicodeCategory(visible[0]) == UnicodeCategory.Format))
        {
            visible = visible[1..];
        }
        var first = value.TrimStart(' ');
        if ((first.Length > 0 && first[0] is '=' or '+' or '-' or '@' or '\t' or '\r') || (visible.Length > 0 && visible[0] is '=' or '+' or '-' or '@'))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Row(StringBuilder csv, params string?[] fields) => csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static string? Integer(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
