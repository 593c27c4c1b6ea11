using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Apis;

public sealed class AccessApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task AMembersSignInIsNoLinkAndSaysSo()
    {
        using var client = Client(await factory.MemberTokenAsync());

        var response = await client.GetAsync(new Uri("/api/access", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalidToken", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnInviteNamesItsSessionAndRole()
    {
        var (studyId, ownerToken) = await CreateStudyAsync();
        var sessionId = await CreateSessionAsync(studyId, ownerToken);
        var invite = await CreateInviteAsync(sessionId, ownerToken, "participant");

        var access = await GetJsonAsync("/api/access", invite);

        Assert.Equal("sessionInvite", access.GetProperty("kind").GetString());
        Assert.Equal(sessionId, access.GetProperty("sessionId").GetString());
        Assert.Equal("participant", access.GetProperty("role").GetString());
    }

    [Fact]
    public async Task AnAlteredTokenIsRefusedWithItsErrorCode()
    {
        var (studyId, ownerToken) = await CreateStudyAsync();
        var invite = await CreateInviteAsync(await CreateSessionAsync(studyId, ownerToken), ownerToken, "observer");
        using var client = Client(invite[..^2] + "xx");

        var response = await client.GetAsync(new Uri("/api/access", UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalidToken", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ASessionsStudyIsReadableByItsObserversButNotItsParticipant()
    {
        var (studyId, ownerToken) = await CreateStudyAsync();
        var sessionId = await CreateSessionAsync(studyId, ownerToken);
        var observer = await CreateInviteAsync(sessionId, ownerToken, "observer");
        var participant = await CreateInviteAsync(sessionId, ownerToken, "participant");

        var study = await GetJsonAsync($"/api/sessions/{sessionId}/study", observer);
        using var participantClient = Client(participant);
        var refused = await participantClient.GetAsync(new Uri($"/api/sessions/{sessionId}/study", UriKind.Relative));

        Assert.Equal(studyId, study.GetProperty("id").GetString());
        Assert.Equal("confusion", study.GetProperty("tags")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private HttpClient Client(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string token)
    {
        using var client = Client(token);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(string StudyId, string OwnerToken)> CreateStudyAsync()
    {
        var ownerToken = await factory.MemberTokenAsync();
        using var client = Client(ownerToken);
        var response = await client.PostAsJsonAsync("/api/studies", new
        {
            name = "Access study",
            goal = "",
            tasks = new[] { new { title = "Find a product", instructions = "Find a jacket.", successCriteria = "Opens a jacket page.", timeLimitSeconds = 60 } },
            tags = new[] { new { name = "confusion", color = "#b45309", hotkey = 1 } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("study").GetProperty("id").GetString()!, ownerToken);
    }

    private async Task<string> CreateSessionAsync(string studyId, string ownerToken)
    {
        using var client = Client(ownerToken);
        var response = await client.PostAsJsonAsync($"/api/studies/{studyId}/sessions", new { participantAlias = "P1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<string> CreateInviteAsync(string sessionId, string ownerToken, string role)
    {
        using var client = Client(ownerToken);
        var response = await client.PostAsJsonAsync($"/api/sessions/{sessionId}/invites", new { role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
