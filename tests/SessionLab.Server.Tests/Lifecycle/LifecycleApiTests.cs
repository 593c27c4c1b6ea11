using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Accounts.Workspaces;
using SessionLab.Recordings;
using SessionLab.Server.Apis;
using SessionLab.Server.Lifecycle;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;
using SessionLab.Storage;
using static SessionLab.Server.Tests.Lifecycle.LifecycleScenario;

namespace SessionLab.Server.Tests.Lifecycle;

public sealed class LifecycleApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    private static JsonSerializerOptions Json => SessionLabFactory.Json;

    [Fact]
    public async Task ANoShowIsKeptShownInTheSessionListAndTheSessionCanNoLongerStart()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var team = factory.ClientWith(study.MemberToken);

        var marked = await team.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { noShow = true }, Json);
        var again = await team.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { noShow = false }, Json);
        var listed = await team.GetFromJsonAsync<List<SessionSummary>>($"/api/studies/{study.Study.Id}/sessions", Json);
        var start = await GrainOf(session.Id).StartSessionAsync(new Actor("moderator", "Mo", SessionRole.Moderator), new StartSessionRequest(Guid.NewGuid()));
        var events = await factory.Services.GetRequiredService<ISessionEventStore>().ReadAsync(session.Id, 0, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(SessionStatus.NoShow, (await marked.Content.ReadFromJsonAsync<SessionSummary>(Json))!.Status);
        Assert.Equal(SessionStatus.NoShow, Assert.Single(listed!).Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("sessionCancelled", await RecordingScenario.ProblemCodeAsync(again));
        Assert.Equal(SessionErrorCode.SessionCancelled, start.Error?.Code);
        Assert.Equal(new SessionCancelled(true), events[^1].Event);
    }

    [Fact]
    public async Task ALiveOrEndedSessionCannotBeCancelled()
    {
        var study = await factory.CreateStudyAsync();
        var team = factory.ClientWith(study.MemberToken);
        var live = await factory.CreateSessionAsync(study);
        await SessionDriver.For(factory, live.Id).StartAsync();
        var ended = await factory.CreateSessionAsync(study);
        await (await SessionDriver.For(factory, ended.Id).StartAsync()).EndAsync();

        var cancelLive = await team.PostAsJsonAsync($"/api/sessions/{live.Id}/cancel", new { noShow = false }, Json);
        var cancelEnded = await team.PostAsJsonAsync($"/api/sessions/{ended.Id}/cancel", new { noShow = true }, Json);

        Assert.Equal((HttpStatusCode.Conflict, "sessionAlreadyStarted"), (cancelLive.StatusCode, await RecordingScenario.ProblemCodeAsync(cancelLive)));
        Assert.Equal((HttpStatusCode.Conflict, "sessionEnded"), (cancelEnded.StatusCode, await RecordingScenario.ProblemCodeAsync(cancelEnded)));
        Assert.Equal(SessionStatus.Live, (await team.GetFromJsonAsync<SessionState>($"/api/sessions/{live.Id}", Json))!.Status);
    }

    [Fact]
    public async Task CancellingTakesAResearcherAndSaysWhy()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var viewer = factory.ClientWith(await factory.AddMemberAsync($"viewer-{Guid.NewGuid():N}@example.test", WorkspaceRole.Viewer, study.WorkspaceId));
        var moderatorLink = factory.ClientWith((await factory.InviteAsync(study, session.Id, SessionRole.Moderator)).Token);

        var asViewer = await viewer.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { noShow = true }, Json);
        var asLink = await moderatorLink.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { noShow = true }, Json);
        var withoutReason = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { }, Json);

        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asLink.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "invalidRequest"), (withoutReason.StatusCode, await RecordingScenario.ProblemCodeAsync(withoutReason)));
        Assert.Equal(SessionStatus.Scheduled, (await factory.ClientWith(study.MemberToken).GetFromJsonAsync<SessionState>($"/api/sessions/{session.Id}", Json))!.Status);
    }

    [Fact]
    public async Task TheReportCountsTheSessionsThatRanApartFromNoShowsAndCancelled()
    {
        var study = await factory.CreateStudyAsync();
        var team = factory.ClientWith(study.MemberToken);
        var ran = await factory.CreateSessionAsync(study);
        await (await SessionDriver.For(factory, ran.Id).StartAsync()).EndAsync();
        foreach (var noShow in new[] { true, true, false })
        {
            var session = await factory.CreateSessionAsync(study);
            (await team.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { noShow }, Json)).EnsureSuccessStatusCode();
        }

        var report = await team.GetStringAsync($"/api/studies/{study.Study.Id}/report?format=markdown");

        Assert.Contains("1 session ran; 2 participants did not show up and 1 session was cancelled.", report);
    }

    [Fact]
    public async Task AnArchivedStudyIsListedAsArchivedTakesNoNewSessionsAndCanBeRestored()
    {
        var study = await factory.CreateStudyAsync();
        var team = factory.ClientWith(study.MemberToken);
        var id = study.Study.Id;

        var archived = await team.PostAsync($"/api/studies/{id}/archive", null);
        var listedArchived = (await team.GetFromJsonAsync<List<WorkspaceStudy>>($"/api/workspaces/{study.WorkspaceId}/studies", Json))!.Single(s => s.Id == id);
        var newSession = await team.PostAsJsonAsync($"/api/studies/{id}/sessions", new { participantAlias = "P8" }, Json);
        var restored = await team.PostAsync($"/api/studies/{id}/restore", null);
        var listedRestored = (await team.GetFromJsonAsync<List<WorkspaceStudy>>($"/api/workspaces/{study.WorkspaceId}/studies", Json))!.Single(s => s.Id == id);
        var afterRestore = await team.PostAsJsonAsync($"/api/studies/{id}/sessions", new { participantAlias = "P8" }, Json);

        Assert.NotNull((await archived.Content.ReadFromJsonAsync<StudyArchiveState>(Json))!.ArchivedAt);
        Assert.NotNull(listedArchived.ArchivedAt);
        Assert.Equal((HttpStatusCode.Conflict, "studyArchived"), (newSession.StatusCode, await RecordingScenario.ProblemCodeAsync(newSession)));
        Assert.Null((await restored.Content.ReadFromJsonAsync<StudyArchiveState>(Json))!.ArchivedAt);
        Assert.Null(listedRestored.ArchivedAt);
        Assert.Equal(HttpStatusCode.Created, afterRestore.StatusCode);
    }

    [Fact]
    public async Task AViewerCannotArchiveDeleteOrPreviewADeletion()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var id = scenario.Study.Study.Id;
        var viewer = factory.ClientWith(await factory.AddMemberAsync($"viewer-{Guid.NewGuid():N}@example.test", WorkspaceRole.Viewer, scenario.Study.WorkspaceId));
        var researcher = factory.ClientWith(await factory.AddMemberAsync($"researcher-{Guid.NewGuid():N}@example.test", WorkspaceRole.Researcher, scenario.Study.WorkspaceId));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/studies/{id}/archive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync(scenario.SessionPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{scenario.SessionPath}/deletion")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Moderator.DeleteAsync(scenario.SessionPath)).StatusCode);
        // Deleting a whole study takes an owner; a researcher archives it instead.
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.DeleteAsync($"/api/studies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await researcher.PostAsync($"/api/studies/{id}/archive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Owner.GetAsync(scenario.SessionPath)).StatusCode);
    }

    [Fact]
    public async Task DeletingASessionSaysWhatGoesThenRemovesItsLogRecordingsAndClipsFromDisk()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var (scenario, recording, _) = await RecordedSessionAsync(factory, bytes);
        var sessionPrefix = $"studies/{scenario.Study.Study.Id}/sessions/{scenario.Session.Id}/";
        var root = ((LocalDiskBlobStore)Blobs(factory)).RootPath;

        var preview = await PreviewAsync(scenario.Owner, $"{scenario.SessionPath}/deletion");
        var filesBefore = FilesUnder(root, scenario.Session.Id);
        var deleted = await scenario.Owner.DeleteAsync(scenario.SessionPath);
        var afterwards = await scenario.Owner.GetAsync(scenario.SessionPath);
        var listed = await scenario.Owner.GetFromJsonAsync<List<SessionSummary>>($"/api/studies/{scenario.Study.Study.Id}/sessions", Json);
        var report = await scenario.Owner.GetAsync($"/api/studies/{scenario.Study.Study.Id}/report?format=markdown");

        Assert.Equal(new DeletionPreview("session", "the session with P7", 1, 1, 1, 100_000, 1, 0, null), preview);
        Assert.NotEmpty(filesBefore);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        Assert.Empty(listed!);
        Assert.Empty(await BlobNamesAsync(factory, sessionPrefix));
        Assert.Empty(FilesUnder(root, scenario.Session.Id));
        Assert.Null(await factory.Services.GetRequiredService<IRecordingCatalog>().FindAsync(scenario.Session.Id, recording.Id, CancellationToken.None));
        Assert.Empty(await factory.Services.GetRequiredService<ISessionEventStore>().ReadAsync(scenario.Session.Id, 0, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("nobody yet", await report.Content.ReadAsStringAsync());
        Assert.Contains(filesBefore, f => f.Contains("clips", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALiveSessionIsNotDeletedAndKeepsItsRecording()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var recording = await scenario.UploadRecordingAsync(RandomNumberGenerator.GetBytes(10_000), 0, 1_000);

        var preview = await PreviewAsync(scenario.Owner, $"{scenario.SessionPath}/deletion");
        var refused = await scenario.Owner.DeleteAsync(scenario.SessionPath);
        var note = await scenario.AddNoteAsync(500);

        Assert.NotNull(preview.Refusal);
        Assert.Equal((HttpStatusCode.Conflict, "sessionLive"), (refused.StatusCode, await RecordingScenario.ProblemCodeAsync(refused)));
        Assert.NotEqual(Guid.Empty, note);
        Assert.Equal(RecordingStatus.Complete, (await scenario.CatalogEntryAsync(recording.Id)).Status);
    }

    [Fact]
    public async Task ADeletedSessionStaysDeletedForItsGrainAndItsLinks()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);

        (await scenario.Owner.DeleteAsync(scenario.SessionPath)).EnsureSuccessStatusCode();
        var grain = GrainOf(scenario.Session.Id);
        var start = await grain.StartSessionAsync(new Actor("moderator", "Mo", SessionRole.Moderator), new StartSessionRequest(Guid.NewGuid()));
        var asModerator = await scenario.Moderator.GetAsync(scenario.SessionPath);

        Assert.Equal(SessionErrorCode.SessionNotFound, start.Error?.Code);
        Assert.Null(await grain.GetStateAsync());
        Assert.Equal(HttpStatusCode.NotFound, asModerator.StatusCode);
        Assert.Empty(await factory.Services.GetRequiredService<ISessionEventStore>().ReadAsync(scenario.Session.Id, 0, CancellationToken.None));
    }

    [Fact]
    public async Task DeletingARecordingRemovesItsBytesAndClipsAndItsNotesSayNoRecordingCoversThem()
    {
        var (scenario, recording, clip) = await RecordedSessionAsync(factory, RandomNumberGenerator.GetBytes(50_000));
        var blobName = (await scenario.CatalogEntryAsync(recording.Id)).BlobName;
        var path = $"{scenario.SessionPath}/recordings/{recording.Id}";
        var noteId = (await scenario.Owner.GetFromJsonAsync<SessionState>(scenario.SessionPath, Json))!.Notes[0].Id;

        var preview = await PreviewAsync(scenario.Owner, $"{path}/deletion");
        var deleted = await scenario.Owner.DeleteAsync(path);
        var gone = await scenario.Owner.GetAsync(path);
        var noteClip = await scenario.Owner.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip");
        var report = await scenario.Owner.GetAsync($"/api/studies/{scenario.Study.Study.Id}/report");

        Assert.Equal(new DeletionPreview("recording", "the recording of the session with P7", 0, 0, 1, 50_000, 1, 0, null), preview);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Blobs(factory).GetPropertiesAsync(blobName, CancellationToken.None));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Blobs(factory).GetPropertiesAsync(clip, CancellationToken.None));
        Assert.Equal("noRecordingCoversNote", await RecordingScenario.ProblemCodeAsync(noteClip));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Single((await scenario.Owner.GetFromJsonAsync<SessionState>(scenario.SessionPath, Json))!.Notes);
    }

    [Fact]
    public async Task AnOwnerDeletesAStudyWithEverythingInItAndItsLinksStopWorking()
    {
        var (scenario, _, _) = await RecordedSessionAsync(factory, RandomNumberGenerator.GetBytes(20_000));
        var id = scenario.Study.Study.Id;
        var second = await factory.CreateSessionAsync(scenario.Study);
        var share = await scenario.Owner.PostAsJsonAsync($"/api/studies/{id}/shares", new { expiresInDays = 7 }, Json);
        var shareUrl = (await share.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var viewer = factory.ClientWith(shareUrl[(shareUrl.IndexOf('#', StringComparison.Ordinal) + 1)..]);

        var preview = await PreviewAsync(scenario.Owner, $"/api/studies/{id}/deletion");
        var deleted = await scenario.Owner.DeleteAsync($"/api/studies/{id}");
        var study = await scenario.Owner.GetAsync($"/api/studies/{id}");
        var listed = await scenario.Owner.GetFromJsonAsync<List<WorkspaceStudy>>($"/api/workspaces/{scenario.Study.WorkspaceId}/studies", Json);
        var sharedReport = await viewer.GetAsync($"/api/studies/{id}/report");
        var audit = await scenario.Owner.GetStringAsync($"/api/workspaces/{scenario.Study.WorkspaceId}/audit");

        Assert.Equal(new DeletionPreview("study", "the study “Onboarding”", 2, 1, 1, 20_000, 1, 1, null), preview);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, study.StatusCode);
        Assert.DoesNotContain(listed!, s => s.Id == id);
        Assert.Equal(HttpStatusCode.Gone, sharedReport.StatusCode);
        Assert.Empty(await BlobNamesAsync(factory, $"studies/{id}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Owner.GetAsync($"/api/sessions/{second.Id}")).StatusCode);
        Assert.Contains("study.deleted", audit);
        Assert.Contains("Removed 2 sessions, 1 note, 1 recording (0 MB), 1 exported clip, 1 view-only link.", audit);
    }

    private ISessionGrain GrainOf(string sessionId) => factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(sessionId);

    private static List<string> FilesUnder(string root, string sessionId) =>
        Directory.Exists(root) ? [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => f.Contains(sessionId, StringComparison.Ordinal))] : [];
}
