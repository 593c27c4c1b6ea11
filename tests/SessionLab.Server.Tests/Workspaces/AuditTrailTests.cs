using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SessionLab.Accounts.Workspaces;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Workspaces;

/// <summary>What the team does to a study's links, reports, recordings and sessions shows in its workspace's audit log, for owners.</summary>
public sealed class AuditTrailTests(SessionLabFactory server) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task OwnersReadWhoSharedDownloadedUploadedAndEndedWhatAndResearchersMayNot()
    {
        var team = await RecordingScenario.CreateAsync(server);
        var studyPath = $"/api/studies/{team.Study.Study.Id}";

        var shared = await team.Owner.PostAsJsonAsync($"{studyPath}/shares", new { expiresInDays = 7 }, RecordingScenario.Json);
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var shareId = (await shared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.True((await team.Owner.DeleteAsync($"{studyPath}/shares/{shareId}")).IsSuccessStatusCode);
        Assert.True((await team.Owner.DeleteAsync($"{studyPath}/shares/{shareId}")).IsSuccessStatusCode);
        Assert.True((await team.Owner.GetAsync($"{studyPath}/report")).IsSuccessStatusCode);
        Assert.True((await team.Owner.GetAsync($"{studyPath}/report?format=csv-notes")).IsSuccessStatusCode);
        await team.StartSessionAsync();
        var recording = await team.UploadRecordingAsync(RandomNumberGenerator.GetBytes(1_000), clockOffsetMs: 0, durationMs: 1_000);
        await team.EndSessionAsync();

        var audit = (await team.Owner.GetFromJsonAsync<JsonElement[]>($"/api/workspaces/{team.Study.WorkspaceId}/audit"))!;
        var read = audit.Select(e => (Actor: e.GetProperty("actor").GetString(), Action: e.GetProperty("action").GetString(), Target: e.GetProperty("target").GetString()))
            .Where(e => e.Target!.Contains(team.Study.Study.Name) || e.Target.Contains(team.Session.Id))
            .Reverse().ToList();
        Assert.Equal(
            [
                ("Olive Owner", "share.created", "View-only link to the report of study 'Onboarding'"),
                ("Olive Owner", "share.revoked", "View-only link to the report of study 'Onboarding'"),
                ("Olive Owner", "report.downloaded", "Report of study 'Onboarding'"),
                ("Mo (moderator link)", "recording.uploaded", $"{recording.Id} of session {team.Session.Id}"),
                ("Olive Owner", "session.ended", $"Session {team.Session.Id} with P7"),
            ],
            read.TakeLast(5));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "recording.uploaded" && e.GetProperty("detail").GetString() == "1000 bytes, video/webm");

        var researcher = server.ClientWith(await server.AddMemberAsync($"researcher-{Guid.NewGuid():N}@example.test", WorkspaceRole.Researcher, team.Study.WorkspaceId));
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.GetAsync($"/api/workspaces/{team.Study.WorkspaceId}/audit")).StatusCode);
    }
}
