using System.Text;

namespace SessionLab.Reports;

/// <summary>
/// Renders a report in one format as a named file, so an HTTP endpoint and a command line are one call each:
/// build the report, export it, send or write the bytes.
/// </summary>
public static class ReportExporter
{
    // Spreadsheet programs guess a legacy code page for CSV without a byte order mark and garble non-ASCII names.
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ReportDocument Export(StudyReport report, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = FileStem(report.Overview.StudyId);
        return format switch
        {
            ReportFormat.Markdown => Written($"{name}-report.md", "text/markdown; charset=utf-8", writer => MarkdownReportRenderer.Render(report, writer)),
            ReportFormat.Html => Written($"{name}-report.html", "text/html; charset=utf-8", writer => HtmlReportRenderer.Render(report, writer)),
            ReportFormat.Json => Text($"{name}-metrics.json", "application/json; charset=utf-8", JsonReportRenderer.Render(report)),
            ReportFormat.NotesCsv => Csv($"{name}-notes.csv", CsvReportWriter.Notes(report)),
            ReportFormat.AttemptsCsv => Csv($"{name}-task-attempts.csv", CsvReportWriter.Attempts(report)),
            ReportFormat.QuestionnaireCsv => Csv($"{name}-questionnaires.csv", CsvReportWriter.QuestionnaireAnswers(report)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
    }

    private static ReportDocument Text(string fileName, string contentType, string content) =>
        new(fileName, contentType, Utf8.GetBytes(content));

    /// <summary>A format written straight to UTF-8 bytes, without first holding the whole file as a string.</summary>
    private static ReportDocument Written(string fileName, string contentType, Action<TextWriter> render)
    {
        var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
        {
            render(writer);
        }
        return new(fileName, contentType, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private static ReportDocument Csv(string fileName, string content) =>
        new(fileName, "text/csv; charset=utf-8; header=present", (byte[])[.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(content)]);

    /// <summary>Study ids come from the server, but a file name is no place to trust them: keep letters, digits and dashes.</summary>
    internal static string FileStem(string studyId)
    {
        var stem = new string([.. studyId.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return stem.Length == 0 ? "study" : stem;
    }
}
