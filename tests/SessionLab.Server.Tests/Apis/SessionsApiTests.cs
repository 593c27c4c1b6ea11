using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Apis;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Apis;

public sealed class SessionsApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task TheTeamCanReadTheSessionButTheParticipantsInviteOpensNothing()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var observer = await factory.InviteAsync(study, session.Id, SessionRole.Observer);
        var participant = await factory.InviteAsync(study, session.Id, SessionRole.Participant);

        var asObserver = await factory.ClientWith(observer.Token).GetFromJsonAsync<SessionState>($"/api/sessions/{session.Id}", SessionLabFactory.Json);
        var asParticipant = await factory.ClientWith(participant.Token).GetAsync($"/api/sessions/{session.Id}");
        var eventsAsParticipant = await factory.ClientWith(participant.Token).GetAsync($"/api/sessions/{session.Id}/events");

        Assert.Equal("P7", asObserver!.ParticipantAlias);
        Assert.Equal(HttpStatusCode.Forbidden, asParticipant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, eventsAsParticipant.StatusCode);
    }

    [Fact]
    public async Task AnInviteLinkOpensTheJoinPageWithTheTokenInTheFragment()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var invite = await factory.InviteAsync(study, session.Id, SessionRole.Moderator);

        Assert.Equal($"http://localhost/join#{invite.Token}", invite.Url);
        Assert.InRange(invite.ExpiresAt, DateTimeOffset.UtcNow.AddDays(13), DateTimeOffset.UtcNow.AddDays(15));
    }

    [Fact]
    public async Task ATamperedOrMissingTokenIsUnauthorizedWithAProblem()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var invite = await factory.InviteAsync(study, session.Id, SessionRole.Moderator);
        var tampered = invite.Token[..^3] + (invite.Token[^3] == 'A' ? "BBB" : "AAA");

        foreach (var token in new[] { tampered, null, "sl1.garbage" })
        {
            var response = await factory.ClientWith(token).GetAsync($"/api/sessions/{session.Id}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("invalidToken", problem.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task AnInviteForOneSessionDoesNotOpenAnother()
    {
        var study = await factory.CreateStudyAsync();
        var first = await factory.CreateSessionAsync(study);
        var second = await factory.CreateSessionAsync(study);
        var invite = await factory.InviteAsync(study, first.Id, SessionRole.Moderator);

        var response = await factory.ClientWith(invite.Token).GetAsync($"/api/sessions/{second.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ObserversCannotIssueInvitesOrEndTheSession()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var observer = factory.ClientWith((await factory.InviteAsync(study, session.Id, SessionRole.Observer)).Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "moderator" }, SessionLabFactory.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsync($"/api/sessions/{session.Id}/end", null)).StatusCode);
    }

    [Fact]
    public async Task EndingASessionStopsNewInvitesAndIsNotRepeated()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var moderator = factory.ClientWith((await factory.InviteAsync(study, session.Id, SessionRole.Moderator)).Token);

        var ended = await moderator.PostAsync($"/api/sessions/{session.Id}/end", null);
        var again = await moderator.PostAsync($"/api/sessions/{session.Id}/end", null);
        var invite = await factory.ClientWith(study.OwnerToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "observer" }, SessionLabFactory.Json);

        Assert.Equal(SessionStatus.Ended, (await ended.Content.ReadFromJsonAsync<SessionSummary>(SessionLabFactory.Json))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, invite.StatusCode);
        Assert.Equal("sessionEnded", (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnUnknownSessionIsNotFound()
    {
        var study = await factory.CreateStudyAsync();

        var response = await factory.ClientWith(study.OwnerToken).GetAsync("/api/sessions/se_missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("sessionNotFound", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task InviteLifetimesOutsideTheAllowedRangeAreRefused()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.OwnerToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "observer", expiresInHours = 100_000 }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
