using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionLab.Server.Apis;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Apis;

public sealed class StudiesApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task AMemberCreatesAStudyInTheirWorkspaceAndOpensItWithoutAnyLink()
    {
        var created = await factory.CreateStudyAsync();

        Assert.Equal("ws_team", created.WorkspaceId);
        var study = await factory.ClientWith(created.MemberToken).GetFromJsonAsync<Study>($"/api/studies/{created.Study.Id}", SessionLabFactory.Json);
        Assert.Equal("Onboarding", study!.Name);
        Assert.Equal("Reaches the dashboard.", Assert.Single(study.Tasks).SuccessCriteria);
        Assert.True(study.Questionnaires.SeqAfterEachTask && study.Questionnaires.SusAtEnd);
    }

    [Fact]
    public async Task AnInvalidStudyGetsAValidationProblemNamingEachBadField()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/studies", new
        {
            name = "",
            tasks = new[] { new { title = "", instructions = "Do it" } },
            tags = new[] { new { name = "two words", color = "red", hotkey = 12 }, new { name = "ok", color = "#000000", hotkey = 1 }, new { name = "OK", color = "#ffffff", hotkey = 1 } },
        }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "tasks[0].title", "tags[0].name", "tags[0].color", "tags[0].hotkey", "tags[2].name", "tags[2].hotkey" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task FieldErrorsNameTheTaskOrTagTheyAreAbout()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/studies", new
        {
            name = "Checkout\u202Eevil",
            tasks = new[] { new { title = "Find", instructions = "Do it", timeLimitSeconds = 60 }, new { title = "Pay\u0000", instructions = "Do it", timeLimitSeconds = 0 } },
            tags = new[] { new { name = "bug", color = "#000000", hotkey = 2 }, new { name = "idea", color = "#000000", hotkey = 2 } },
        }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            "The study name cannot hold U+202E, a text-direction character, which makes text display differently from what it says, at character 9: a name or title is one line of visible characters.",
            errors.GetProperty("name")[0].GetString());
        Assert.Equal("Task 2's title cannot hold U+0000, a control character, at character 4: a name or title is one line of visible characters.", errors.GetProperty("tasks[1].title")[0].GetString());
        Assert.Equal("Task 2's time limit must be between 1 second and 24 hours.", errors.GetProperty("tasks[1].timeLimitSeconds")[0].GetString());
        Assert.Equal("Hotkey 2 is already #bug's; give #idea another.", errors.GetProperty("tags[1].hotkey")[0].GetString());
        Assert.False(errors.TryGetProperty("tasks[0].timeLimitSeconds", out _));
    }

    [Fact]
    public async Task ASessionScheduledYearsAwayIsRefused()
    {
        var study = await factory.CreateStudyAsync();

        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/studies/{study.Study.Id}/sessions", new { participantAlias = "P1", scheduledFor = "9999-12-31T23:59:59+14:00" }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("scheduledFor must be between a year ago and five years ahead.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty((await factory.ClientWith(study.MemberToken).GetFromJsonAsync<JsonElement[]>($"/api/studies/{study.Study.Id}/sessions"))!);
    }

    [Fact]
    public async Task MalformedJsonGetsAProblemAndTheServerKeepsServing()
    {
        var response = await factory.CreateClient().PostAsync("/api/studies", new StringContent("{\"name\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().PostAsJsonAsync("/api/studies", new
        {
            name = "Still up",
            tasks = new[] { new { title = "T", instructions = "I" } },
            tags = Array.Empty<object>(),
        }, SessionLabFactory.Json)).StatusCode);
    }

    [Fact]
    public async Task AMemberOfAnotherWorkspaceFindsNoSuchStudy()
    {
        var mine = await factory.CreateStudyAsync();
        var outsider = await factory.AddMemberAsync($"outsider-{Guid.NewGuid():N}@example.test");

        var response = await factory.ClientWith(outsider).GetAsync($"/api/studies/{mine.Study.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("studyNotFound", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ListingSessionsShowsEachSessionOfTheStudy()
    {
        var study = await factory.CreateStudyAsync();
        var first = await factory.CreateSessionAsync(study);
        var second = await factory.CreateSessionAsync(study);

        var sessions = await factory.ClientWith(study.MemberToken).GetFromJsonAsync<List<SessionSummary>>($"/api/studies/{study.Study.Id}/sessions", SessionLabFactory.Json);

        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), sessions!.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(sessions!, s => Assert.Equal(SessionStatus.Scheduled, s.Status));
        Assert.All(sessions!, s => Assert.Equal("P7", s.ParticipantAlias));
    }
}
