using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SessionLab.Reports.Storage;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Reports.Tests;

/// <summary>The service against a real embedded store: what it loads is what the grains persisted, nothing else.</summary>
public sealed class StudyReportServiceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-report-service", Guid.NewGuid().ToString("N"));
    private SqliteSessionEventStore _log = null!;
    private SqliteStudyStore _studies = null!;
    private SqliteFindingSeverityStore _severities = null!;
    private StudyReportService _service = null!;

    public Task InitializeAsync()
    {
        var database = new SqliteDatabase(Path.Combine(_folder, "sessionlab.db"));
        _log = new SqliteSessionEventStore(database, NullLogger<SqliteSessionEventStore>.Instance);
        _studies = new SqliteStudyStore(database);
        _severities = new SqliteFindingSeverityStore(database);
        _service = new StudyReportService(_studies, _log, _severities, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task LoadsEverySessionOfTheStudyFoldedAndNoOtherStudysSessions()
    {
        await _studies.SaveAsync(TestStudy.Create(), default);
        await _studies.SaveAsync(TestStudy.Create("study-2"), default);
        await AppendAsync(TestStudy.Session("s1", "P1").Start(TestStudy.Day).Note(1_000, "Lost", NoteKind.Issue, null, "nav").End(60_000));
        await AppendAsync(TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1)).Note(2_000, "Still typing"));
        await AppendAsync(TestStudy.Session("s9", "P9", studyId: "study-2").Start(TestStudy.Day));
        await _severities.SetAsync(new FindingSeverity("study-1", "NAV", 3, TestStudy.Day, "Dana"), default);

        var inputs = await _service.LoadAsync("study-1", default);

        Assert.Equal(["s1", "s2"], inputs!.Sessions.Select(s => s.SessionId));
        Assert.Equal([SessionStatus.Ended, SessionStatus.Live], inputs.Sessions.Select(s => s.Status));
        Assert.Equal("Still typing", Assert.Single(inputs.Sessions[1].Notes).Text);
        var nav = inputs.Build(TestStudy.Day.AddDays(1)).Findings[0];
        Assert.Equal(("nav", 3), (nav.Tag, nav.Severity));
    }

    [Fact]
    public async Task AStudyThatDoesNotExistHasNoReport()
    {
        Assert.Null(await _service.LoadAsync("study-404", default));
        Assert.Null(await _service.ExportAsync("study-404", ReportFormat.Html, default));
    }

    [Fact]
    public async Task AFindingRowIsNamedByThePaletteOrByTheNotesThatStillCarryARemovedTag()
    {
        var study = TestStudy.Create();
        await _studies.SaveAsync(study, default);
        // "legacy" was in the palette when the note was taken and has been removed since: its row is still in the report.
        await AppendAsync(TestStudy.Session("s1", "P1").Start(TestStudy.Day).Note(1_000, "Old tag", NoteKind.Issue, null, "Legacy"));

        Assert.Equal("checkout", await _service.FindFindingTagAsync(study, "CHECKOUT", default));
        Assert.Equal("Legacy", await _service.FindFindingTagAsync(study, "legacy", default));
        Assert.Null(await _service.FindFindingTagAsync(study, "never-used", default));
    }

    [Fact]
    public async Task TheReportSaysWhichSessionsRanAnEarlierVersionOfATask()
    {
        var first = TestStudy.Create();
        await _studies.SaveAsync(first, default);
        var second = first with
        {
            Tasks = [first.Tasks[0] with { Title = "Find a kettle", Instructions = "Find a blue electric kettle." }, first.Tasks[1]],
            Version = 2,
        };
        Assert.True(await _studies.SaveNextVersionAsync(second, default));
        // P1 started before studies could be edited (no version in its log), P2 with version 1, P3 with version 2.
        await AppendAsync(TestStudy.Session("s1", "P1").Start(TestStudy.Day).Task("t1", 1_000, 9_000, TaskOutcome.Fail).Task("t2", 10_000, 20_000, TaskOutcome.Success));
        await AppendAsync(TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1), studyVersion: 1).Task("t1", 1_000, 9_000, TaskOutcome.Fail));
        await AppendAsync(TestStudy.Session("s3", "P3").Start(TestStudy.Day.AddHours(2), studyVersion: 2).Task("t1", 1_000, 5_000, TaskOutcome.Success));

        var report = await _service.BuildAsync("study-1", default);
        var markdown = System.Text.Encoding.UTF8.GetString((await _service.ExportAsync("study-1", ReportFormat.Markdown, default))!.Content.Span);

        Assert.Equal("Find a kettle", report!.Tasks[0].Title);
        var earlier = Assert.Single(report.Tasks[0].EarlierVersions!);
        Assert.Equal((1, "Find a product", "P1, P2"), (earlier.StudyVersion, earlier.Task.Title, string.Join(", ", earlier.Participants)));
        Assert.Empty(report.Tasks[1].EarlierVersions!);
        Assert.Contains(
            "The sessions with P1 and P2 ran an earlier version of this task (study version 1): its title was “Find a product”, its instructions were “Find a blue kettle.”, success meant “Kettle page open” and it had no time limit.",
            markdown, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(markdown, "ran an earlier version of this task"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private Task AppendAsync(SessionScript session) => _log.AppendAsync(session.Events, default);
}
