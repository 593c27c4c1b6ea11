using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Invitations;
using SessionLab.Server.Sharing;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Tests.Sharing;

public sealed class ShareLinksApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    private static JsonSerializerOptions Json => SessionLabFactory.Json;

    [Fact]
    public async Task TheOwnerMakesAWeekLongLinkSeesItListedAndRevokesIt()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var before = DateTimeOffset.UtcNow;

        var link = await ShareAsync(scenario, new { expiresInDays = 7 });

        Assert.Equal(ShareScope.Report, link.Scope);
        Assert.Equal(ShareLinkStatus.Active, link.Status);
        Assert.StartsWith($"{factory.LinkBase}/shared#sl2.", link.Url);
        Assert.InRange(link.ExpiresAt, before.AddDays(7).AddSeconds(-2), DateTimeOffset.UtcNow.AddDays(7).AddSeconds(1));
        var listed = Assert.Single(await ListAsync(scenario));
        // Data Protection encrypts afresh each time, so the listed link is spelled differently; it opens the same report.
        Assert.Equal(link with { Url = "" }, listed with { Url = "" });
        using (var viewer = factory.ClientWith(TokenOf(listed)))
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/studies/{scenario.Study.Study.Id}/report")).StatusCode);
        }

        var revoked = await scenario.Owner.DeleteAsync($"/api/studies/{scenario.Study.Study.Id}/shares/{link.Id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(ShareLinkStatus.Revoked, (await revoked.Content.ReadFromJsonAsync<SharedLink>(Json))!.Status);
        var again = await scenario.Owner.DeleteAsync($"/api/studies/{scenario.Study.Study.Id}/shares/{link.Id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var afterwards = Assert.Single(await ListAsync(scenario));
        Assert.Equal((ShareLinkStatus.Revoked, link.Id), (afterwards.Status, afterwards.Id));
        Assert.NotNull(afterwards.RevokedAt);
    }

    [Fact]
    public async Task ALinkToTheReportOpensItInEveryFormatAndItsClipLinksPlayForItsHolder()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[2_000], clockOffsetMs: 5_000, durationMs: 60_000);
        var link = await ShareAsync(scenario, new { expiresInDays = 1 });
        using var viewer = factory.ClientWith(TokenOf(link));
        var reportPath = $"/api/studies/{scenario.Study.Study.Id}/report";

        var html = await viewer.GetStringAsync($"{reportPath}?format=html");
        foreach (var format in new[] { "markdown", "json", "csv-notes" })
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{reportPath}?format={format}")).StatusCode);
        }
        var clip = await viewer.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip");
        var reel = await viewer.GetAsync($"{scenario.SessionPath}/highlights/confusion");

        Assert.Contains($"href=\"{factory.LinkBase}/clip/{scenario.Session.Id}/{noteId:D}#{TokenOf(link)}\"", html);
        Assert.Equal(HttpStatusCode.OK, clip.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reel.StatusCode);
        var ownersHtml = await scenario.Owner.GetStringAsync($"{reportPath}?format=html");
        Assert.DoesNotContain("#sl1.", ownersHtml);
    }

    [Fact]
    public async Task TheAccessApiSaysWhatALinkOpens()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var link = await ShareAsync(scenario, new { expiresInDays = 30 });

        var access = await factory.ClientWith(TokenOf(link)).GetFromJsonAsync<JsonElement>("/api/access");

        Assert.Equal("reportShare", access.GetProperty("kind").GetString());
        Assert.Equal(scenario.Study.Study.Id, access.GetProperty("studyId").GetString());
        Assert.Equal("report", access.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task ARevokedLinkIsToldItWasRevokedEverywhereItWorkedBefore()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000, "confusion");
        var link = await ShareAsync(scenario, new { expiresInDays = 7 });
        using var viewer = factory.ClientWith(TokenOf(link));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/studies/{scenario.Study.Study.Id}/report")).StatusCode);

        (await scenario.Owner.DeleteAsync($"/api/studies/{scenario.Study.Study.Id}/shares/{link.Id}")).EnsureSuccessStatusCode();

        foreach (var path in new[] { $"/api/studies/{scenario.Study.Study.Id}/report", "/api/access", $"{scenario.SessionPath}/notes/{noteId}/clip" })
        {
            var response = await viewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("linkRevoked", problem.GetProperty("code").GetString());
            Assert.StartsWith("The study's team turned this link off on ", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task AnExpiredLinkIsToldItExpired()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var studyId = scenario.Study.Study.Id;
        var expiredAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        var row = new ShareLink("sh_expired_" + Guid.NewGuid().ToString("N")[..8], studyId, ShareScope.Report, null, null, null, expiredAt.AddDays(-1), expiredAt, null);
        await factory.Services.GetRequiredService<IShareLinkStore>().AddAsync(row, default);
        var token = factory.Services.GetRequiredService<TokenService>().IssueReportShare(studyId, row.Id, expiredAt);

        foreach (var path in new[] { $"/api/studies/{studyId}/report", "/api/access" })
        {
            var response = await factory.ClientWith(token).GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("tokenExpired", problem.GetProperty("code").GetString());
            Assert.Contains("expired on", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(ShareLinkStatus.Expired, Assert.Single(await ListAsync(scenario)).Status);
    }

    [Fact]
    public async Task ALinkThatIsBothExpiredAndRevokedIsToldItWasRevoked()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var studyId = scenario.Study.Study.Id;
        var expiredAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        var revokedAt = expiredAt.AddHours(-2);
        var row = new ShareLink("sh_revexp_" + Guid.NewGuid().ToString("N")[..8], studyId, ShareScope.Report, null, null, null, expiredAt.AddDays(-1), expiredAt, null);
        var store = factory.Services.GetRequiredService<IShareLinkStore>();
        await store.AddAsync(row, default);
        // The owner turned it off before it expired.
        Assert.NotNull(await store.RevokeAsync(studyId, row.Id, revokedAt, default));
        var token = factory.Services.GetRequiredService<TokenService>().IssueReportShare(studyId, row.Id, expiredAt);

        foreach (var path in new[] { $"/api/studies/{studyId}/report", "/api/access" })
        {
            var response = await factory.ClientWith(token).GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("linkRevoked", problem.GetProperty("code").GetString());
            Assert.StartsWith("The study's team turned this link off on ", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(ShareLinkStatus.Revoked, Assert.Single(await ListAsync(scenario)).Status);
    }

    [Fact]
    public async Task AnExpiredTokenForAnotherStudysRevokedRowIsToldOnlyThatItExpired()
    {
        var mine = await RecordingScenario.CreateAsync(factory);
        var other = await RecordingScenario.CreateAsync(factory);
        var expiredAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        var row = new ShareLink("sh_revexp_" + Guid.NewGuid().ToString("N")[..8], other.Study.Study.Id, ShareScope.Report, null, null, null, expiredAt.AddDays(-1), expiredAt, null);
        var store = factory.Services.GetRequiredService<IShareLinkStore>();
        await store.AddAsync(row, default);
        Assert.NotNull(await store.RevokeAsync(other.Study.Study.Id, row.Id, expiredAt.AddHours(-1), default));
        var token = factory.Services.GetRequiredService<TokenService>().IssueReportShare(mine.Study.Study.Id, row.Id, expiredAt);

        var response = await factory.ClientWith(token).GetAsync("/api/access");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("tokenExpired", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnAlteredLinkIsRefusedAsInvalidNotAsExpiredOrRevoked()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var token = TokenOf(await ShareAsync(scenario, new { expiresInDays = 7 }));
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var altered = token[..(token.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        var response = await factory.ClientWith(altered).GetAsync($"/api/studies/{scenario.Study.Study.Id}/report");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidToken", problem.GetProperty("code").GetString());
        Assert.Contains("altered", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ALinkOpensNothingOfItsStudyButTheReportAndItsClips()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000, "confusion");
        var recording = await scenario.UploadRecordingAsync(new byte[2_000], clockOffsetMs: 5_000, durationMs: 60_000);
        var token = TokenOf(await ShareAsync(scenario, new { expiresInDays = 7 }));
        using var viewer = factory.ClientWith(token);
        var studyPath = $"/api/studies/{scenario.Study.Study.Id}";
        var session = scenario.SessionPath;

        var requests = new List<Func<Task<HttpResponseMessage>>>
        {
            () => viewer.GetAsync(studyPath),
            () => viewer.GetAsync($"{studyPath}/sessions"),
            () => viewer.PostAsJsonAsync($"{studyPath}/sessions", new { participantAlias = "P9" }, Json),
            () => viewer.GetAsync($"{studyPath}/findings/severities"),
            () => viewer.PutAsJsonAsync($"{studyPath}/findings/confusion/severity", new { severity = 4 }, Json),
            () => viewer.GetAsync($"{studyPath}/shares"),
            () => viewer.PostAsJsonAsync($"{studyPath}/shares", new { expiresInDays = 30 }, Json),
            () => viewer.GetAsync(session),
            () => viewer.GetAsync($"{session}/events?after=0"),
            () => viewer.GetAsync($"{session}/study"),
            () => viewer.PostAsJsonAsync($"{session}/invites", new { role = "observer" }, Json),
            () => viewer.PostAsync($"{session}/end", null),
            () => viewer.GetAsync($"{session}/recordings"),
            () => viewer.GetAsync($"{session}/recordings/{recording.Id}/playback"),
            () => scenario.PostRecordingAsync(viewer, new { kind = "uploadedFile", contentType = "video/webm" }),
            () => scenario.PutChunkAsync(viewer, recording.Id, 0, new ByteArrayContent(new byte[10])),
            () => viewer.PutAsJsonAsync($"{session}/notes/{noteId}/clip", new { beforeSeconds = 1, afterSeconds = 1 }, Json),
            () => viewer.PostAsync($"{session}/notes/{noteId}/clip/export", null),
        };

        foreach (var request in requests)
        {
            using var response = await request();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
            var problem = JsonSerializer.Deserialize<JsonElement>(body);
            Assert.Equal("forbidden", problem.GetProperty("code").GetString());
            Assert.Equal(SessionLab.Server.Apis.ApiAccess.ShareOpensOnlyItsReport, problem.GetProperty("detail").GetString());
        }
        Assert.Equal(1, (await scenario.Owner.GetFromJsonAsync<JsonElement>($"{studyPath}/sessions")).GetArrayLength());
    }

    [Fact]
    public async Task ALinkOpensNeitherAnotherStudysReportNorItsClips()
    {
        var mine = await RecordingScenario.CreateAsync(factory);
        var other = await RecordingScenario.CreateAsync(factory);
        await other.StartSessionAsync();
        var othersNote = await other.AddNoteAsync(20_000, "confusion");
        await other.UploadRecordingAsync(new byte[2_000], clockOffsetMs: 5_000, durationMs: 60_000);
        using var viewer = factory.ClientWith(TokenOf(await ShareAsync(mine, new { expiresInDays = 7 })));

        var report = await viewer.GetAsync($"/api/studies/{other.Study.Study.Id}/report");
        var clip = await viewer.GetAsync($"{other.SessionPath}/notes/{othersNote}/clip");
        var reel = await viewer.GetAsync($"{other.SessionPath}/highlights/confusion");
        var unknownSession = await viewer.GetAsync($"/api/sessions/se_nosuchsession/notes/{othersNote}/clip");

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { report.StatusCode, clip.StatusCode, reel.StatusCode, unknownSession.StatusCode });
        Assert.Equal(await DetailAsync(clip), await DetailAsync(unknownSession));
    }

    [Fact]
    public async Task ALinkDoesNotOpenTheSessionHub()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var token = TokenOf(await ShareAsync(scenario, new { expiresInDays = 7 }));
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUrl.For(factory.Server.BaseAddress, token), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            })
            .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions))
            .Build();
        try
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task ALinkToOneClipPlaysThatClipAndNothingElse()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var shared = await scenario.AddNoteAsync(20_000, "confusion");
        var another = await scenario.AddNoteAsync(25_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[2_000], clockOffsetMs: 5_000, durationMs: 60_000);

        var link = await ShareAsync(scenario, new { scope = "clip", sessionId = scenario.Session.Id, noteId = shared, expiresInDays = 1 });
        using var viewer = factory.ClientWith(TokenOf(link));

        Assert.Equal($"{factory.LinkBase}/clip/{scenario.Session.Id}/{shared:D}#{TokenOf(link)}", link.Url);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{scenario.SessionPath}/notes/{shared}/clip")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{scenario.SessionPath}/notes/{another}/clip")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{scenario.SessionPath}/highlights/confusion")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/studies/{scenario.Study.Study.Id}/report")).StatusCode);
    }

    [Fact]
    public async Task ALinkToAHighlightReelPlaysThatReelInAnyLetterCaseAndNoOther()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[2_000], clockOffsetMs: 5_000, durationMs: 60_000);

        var link = await ShareAsync(scenario, new { scope = "highlights", sessionId = scenario.Session.Id, tag = "#Confusion", expiresInDays = 7 });
        using var viewer = factory.ClientWith(TokenOf(link));

        Assert.Equal("confusion", link.Tag);
        Assert.StartsWith($"{factory.LinkBase}/shared#", link.Url);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{scenario.SessionPath}/highlights/CONFUSION")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{scenario.SessionPath}/highlights/bug")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip")).StatusCode);
    }

    [Fact]
    public async Task ALinkIsMadeOnlyWithAnExpiryOfOneToNinetyDaysAndForWhatTheStudyHas()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var path = $"/api/studies/{scenario.Study.Study.Id}/shares";

        var tooLong = await scenario.Owner.PostAsJsonAsync(path, new { expiresInDays = 91 }, Json);
        var noNote = await scenario.Owner.PostAsJsonAsync(path, new { scope = "clip", sessionId = scenario.Session.Id, noteId = Guid.NewGuid() }, Json);
        var noTag = await scenario.Owner.PostAsJsonAsync(path, new { scope = "highlights", sessionId = scenario.Session.Id, tag = "nosuchtag" }, Json);
        var otherSession = await scenario.Owner.PostAsJsonAsync(path, new { scope = "clip", sessionId = "se_elsewhere", noteId = Guid.NewGuid() }, Json);

        Assert.Equal(["expiresInDays"], await RecordingScenario.InvalidFieldsAsync(tooLong));
        Assert.Equal(["noteId"], await RecordingScenario.InvalidFieldsAsync(noNote));
        Assert.Equal(["tag"], await RecordingScenario.InvalidFieldsAsync(noTag));
        Assert.Equal(["sessionId"], await RecordingScenario.InvalidFieldsAsync(otherSession));
        Assert.Empty(await ListAsync(scenario));
    }

    [Fact]
    public async Task OnlyTheStudysTeamListsAndRevokesItsLinks()
    {
        var mine = await RecordingScenario.CreateAsync(factory);
        var other = await RecordingScenario.CreateAsync(factory, await factory.AddMemberAsync($"other-{Guid.NewGuid():N}@example.test"));
        var link = await ShareAsync(mine, new { expiresInDays = 7 });
        var path = $"/api/studies/{mine.Study.Study.Id}/shares";

        // Another team's member finds no such study; the session's moderator link is no member's sign-in.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.DeleteAsync($"{path}/{link.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.Moderator.DeleteAsync($"{path}/{link.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.DeleteAsync($"/api/studies/{other.Study.Study.Id}/shares/{link.Id}")).StatusCode);
        Assert.Equal(ShareLinkStatus.Active, Assert.Single(await ListAsync(mine)).Status);
    }

    private static string TokenOf(SharedLink link) => link.Url[(link.Url.IndexOf('#', StringComparison.Ordinal) + 1)..];

    private static async Task<SharedLink> ShareAsync(RecordingScenario scenario, object request)
    {
        var response = await scenario.Owner.PostAsJsonAsync($"/api/studies/{scenario.Study.Study.Id}/shares", request, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SharedLink>(Json))!;
    }

    private static async Task<List<SharedLink>> ListAsync(RecordingScenario scenario) =>
        (await scenario.Owner.GetFromJsonAsync<List<SharedLink>>($"/api/studies/{scenario.Study.Study.Id}/shares", Json))!;

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}
