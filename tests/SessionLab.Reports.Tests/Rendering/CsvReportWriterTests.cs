namespace SessionLab.Reports.Tests;

public sealed class CsvReportWriterTests
{
    private static readonly StudyReport Report = SampleStudy.Report();

    [Fact]
    public void NotesQuoteCommasQuotesAndLineBreaksPerRfc4180()
    {
        var text = CsvReportWriter.Notes(Report);

        Assert.Contains("\"Search, commas, \"\"quotes\"\" and a\nline break\"", text, StringComparison.Ordinal);
        var rows = Csv.Parse(text);
        Assert.Equal(["session_id", "participant", "note_id", "clock_offset_ms", "clock", "created_at", "edited_at", "author", "kind", "quote", "task_id", "tags", "clip_url", "text"], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(rows[0].Count, row.Count));
        var note = rows.Single(r => r[^1].StartsWith("Search, commas", StringComparison.Ordinal));
        Assert.Equal(("s2", "50000", "0:00:50", "2026-11-20T11:00:50Z", "issue", "#search"), (note[0], note[3], note[4], note[5], note[8], note[11]));
    }

    [Fact]
    public void AttemptsCarryIsoTimestampsAndMarkRunningTasks()
    {
        var rows = Csv.Parse(CsvReportWriter.Attempts(Report));

        Assert.Equal(1 + 7, rows.Count);
        var first = rows[1];
        Assert.Equal(("s1", "t1", "Find a product", "2026-11-20T09:00:10Z", "2026-11-20T09:01:10Z", "60000", "success", "6"), (first[0], first[2], first[3], first[6], first[7], first[8], first[9], first[13]));
        var running = rows.Single(r => r[0] == "s4");
        Assert.Equal(("in progress", string.Empty), (running[9], running[7]));
    }

    [Fact]
    public void QuestionnaireAnswersHaveOneRowPerSeqAndPerSusItem()
    {
        var rows = Csv.Parse(CsvReportWriter.QuestionnaireAnswers(Report));

        Assert.Equal(1 + 6 + 30, rows.Count);
        Assert.Equal(6, rows.Count(r => r[2] == "SEQ"));
        Assert.Equal(30, rows.Count(r => r[2] == "SUS"));
        Assert.Equal(["s1", "P1", "SUS", "", "1", "4", ""], rows.First(r => r[2] == "SUS"));
    }

    [Fact]
    public void ExportedCsvIsUtf8WithByteOrderMark()
    {
        var document = ReportExporter.Export(Report, ReportFormat.NotesCsv);

        Assert.Equal([0xEF, 0xBB, 0xBF], document.Content[..3].ToArray());
        Assert.Equal("study-1-notes.csv", document.FileName);
        Assert.StartsWith("text/csv; charset=utf-8", document.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0000=1+1")]
    [InlineData("\u200B=1+1")]
    [InlineData("\uFEFF+1")]
    [InlineData("\u200E-1")]
    [InlineData("\u2060@SUM(A1)")]
    [InlineData(" \u200B \u0001=HYPERLINK(\"x\")")]
    public void AFormulaBehindInvisibleCharactersIsNeutralised(string cell)
    {
        var field = CsvReportWriter.Field(cell);

        Assert.StartsWith("'", field.TrimStart('"'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200Bplain")]
    [InlineData("a=b")]
    public void TextThatIsNoFormulaIsLeftAsItIs(string cell) =>
        Assert.Equal(cell, CsvReportWriter.Field(cell));
}
