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

        Assert.Equal($"{factory.LinkBase}/join#{invite.Token}", invite.Url);
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
        var invite = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "observer" }, SessionLabFactory.Json);

        Assert.Equal(SessionStatus.Ended, (await ended.Content.ReadFromJsonAsync<SessionSummary>(SessionLabFactory.Json))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, invite.StatusCode);
        Assert.Equal("sessionEnded", (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnUnknownSessionIsNotFound()
    {
        var study = await factory.CreateStudyAsync();

        var response = await factory.ClientWith(study.MemberToken).GetAsync("/api/sessions/se_missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("sessionNotFound", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task InviteLifetimesOutsideTheAllowedRangeAreRefused()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "observer", expiresInHours = 100_000 }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(0)]
    public async Task AnInviteLifetimeOutOfRangeIsRefusedWithAProblemInsteadOfOverflowing(int hours)
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "observer", expiresInHours = hours }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.StartsWith("expiresInHours must be between 1 and ", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnInviteRequestWithoutARoleIsRefusedRatherThanMadeAModeratorInvite()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { expiresInHours = 5 }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.Equal("Name the role: moderator, observer or participant.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("%09")]
    public async Task ABlankSessionIdIsNotFoundOnEverySessionRoute(string blank)
    {
        var study = await factory.CreateStudyAsync();
        var owner = factory.ClientWith(study.MemberToken);

        foreach (var response in new[]
        {
            await owner.GetAsync($"/api/sessions/{blank}"),
            await owner.GetAsync($"/api/sessions/{blank}/events"),
            await owner.PostAsync($"/api/sessions/{blank}/end", null),
            await owner.GetAsync($"/api/sessions/{blank}/recordings"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("sessionNotFound", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task AnInviteCannotTellWhichOtherSessionsExist()
    {
        var study = await factory.CreateStudyAsync();
        var mine = await factory.CreateSessionAsync(study);
        var other = await factory.CreateSessionAsync(study);
        var participant = factory.ClientWith((await factory.InviteAsync(study, mine.Id, SessionRole.Participant)).Token);
        var moderator = factory.ClientWith((await factory.InviteAsync(study, mine.Id, SessionRole.Moderator)).Token);

        foreach (var client in new[] { participant, moderator })
        {
            var existing = await client.GetAsync($"/api/sessions/{other.Id}");
            var missing = await client.GetAsync("/api/sessions/se_doesnotexist");

            Assert.Equal(HttpStatusCode.Forbidden, existing.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
            var (a, b) = (await existing.Content.ReadFromJsonAsync<JsonElement>(), await missing.Content.ReadFromJsonAsync<JsonElement>());
            Assert.Equal((a.GetProperty("code").GetString(), a.GetProperty("detail").GetString()), (b.GetProperty("code").GetString(), b.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task ASessionLinkOnAStudyRouteIsForbiddenNotABrokenLink()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var moderator = factory.ClientWith((await factory.InviteAsync(study, session.Id, SessionRole.Moderator)).Token);

        foreach (var path in new[] { $"/api/studies/{study.Study.Id}", $"/api/studies/{study.Study.Id}/sessions", $"/api/studies/{study.Study.Id}/report" })
        {
            var response = await moderator.GetAsync(path);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("forbidden", problem.GetProperty("code").GetString());
            Assert.Equal("A session link does not open the study; use the study owner's link.", problem.GetProperty("detail").GetString());
        }
    }
}
