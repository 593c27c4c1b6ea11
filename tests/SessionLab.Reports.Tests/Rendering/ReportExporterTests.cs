using System.Text;
using System.Text.Json;

namespace SessionLab.Reports.Tests;

public sealed class ReportExporterTests
{
    [Theory]
    [InlineData(ReportFormat.Markdown, "study-1-report.md", "text/markdown")]
    [InlineData(ReportFormat.Html, "study-1-report.html", "text/html")]
    [InlineData(ReportFormat.Json, "study-1-metrics.json", "application/json")]
    [InlineData(ReportFormat.NotesCsv, "study-1-notes.csv", "text/csv")]
    [InlineData(ReportFormat.AttemptsCsv, "study-1-task-attempts.csv", "text/csv")]
    [InlineData(ReportFormat.QuestionnaireCsv, "study-1-questionnaires.csv", "text/csv")]
    public void EveryFormatIsANamedUtf8File(ReportFormat format, string fileName, string mediaType)
    {
        var document = ReportExporter.Export(SampleStudy.Report(), format);

        Assert.Equal(fileName, document.FileName);
        Assert.StartsWith(mediaType + ";", document.ContentType, StringComparison.Ordinal);
        Assert.Contains("utf-8", document.ContentType, StringComparison.Ordinal);
        Assert.False(document.Content.IsEmpty);
    }

    [Theory]
    [InlineData("study-1", "study-1")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("Ünïcode Study", "n-code-study")]
    [InlineData("///", "study")]
    public void FileNamesKeepOnlySafeCharacters(string studyId, string stem)
    {
        Assert.Equal(stem, ReportExporter.FileStem(studyId).Replace("--", "-", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonMetricsUseWireShapeAndNullForMissingData()
    {
        var json = Encoding.UTF8.GetString(ReportExporter.Export(SampleStudy.Report(), ReportFormat.Json).Content.Span);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var t1 = root.GetProperty("tasks")[0];
        Assert.Equal(3, t1.GetProperty("completion").GetProperty("successes").GetInt32());
        Assert.Equal("laplace", t1.GetProperty("completion").GetProperty("method").GetString());
        Assert.Equal("geometricMean", t1.GetProperty("time").GetProperty("centre").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("participants")[3].GetProperty("endedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sus").GetProperty("byParticipant")[3].GetProperty("score").ValueKind);
        Assert.Equal("search", root.GetProperty("findings")[0].GetProperty("tag").GetString());
        Assert.False(root.GetProperty("sus").TryGetProperty("scores", out _));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("comparison").ValueKind);
        Assert.False(t1.TryGetProperty("successSeconds", out _));
        Assert.True(t1.GetProperty("completionBenchmark").GetProperty("above").GetBoolean());
    }

    [Fact]
    public void JsonMetricsNameEachFindingsNotesByIdAndLeaveRawRowsToTheCsvExports()
    {
        var report = SampleStudy.Report();
        var json = Encoding.UTF8.GetString(ReportExporter.Export(report, ReportFormat.Json).Content.Span);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.False(root.TryGetProperty("notes", out _));
        Assert.False(root.TryGetProperty("attempts", out _));
        Assert.False(root.TryGetProperty("answers", out _));
        var finding = root.GetProperty("findings")[0];
        Assert.False(finding.TryGetProperty("notes", out _));
        Assert.Equal(report.Findings[0].Notes.Select(n => n.NoteId), finding.GetProperty("noteIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal(report.Findings[0].Quotes.Select(q => q.Text), finding.GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("text").GetString()));
    }
}
