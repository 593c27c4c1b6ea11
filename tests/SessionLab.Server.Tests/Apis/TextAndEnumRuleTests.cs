using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Apis;

/// <summary>HTTP applies the same name and free-text rules as the hub, and reads enums in the same one spelling.</summary>
public sealed class TextAndEnumRuleTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Theory]
    [InlineData("name", "Onboarding\u200B", "Fine goal")]
    [InlineData("name", "Onboarding\u200E", "Fine goal")]
    [InlineData("name", "Onboarding\uFEFF", "Fine goal")]
    [InlineData("goal", "Onboarding", "Reads \u202Ebackwards")]
    [InlineData("goal", "Onboarding", "Has a \u0000 NUL")]
    public async Task AStudyWithAHiddenCharacterIsRefusedNamingTheField(string field, string name, string goal)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/studies", new
        {
            name,
            goal,
            tasks = new[] { new { title = "Sign up", instructions = "Create an account.\nThen log in.", successCriteria = "" } },
            tags = Array.Empty<object>(),
        }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.Contains("U+", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskTitlesFollowTheNameRuleAndInstructionsTheFreeTextRule()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/studies", new
        {
            name = "Onboarding",
            goal = "Line one\nline two",
            tasks = new[] { new { title = "Sign\u2060up", instructions = "Create\u200Ban account.", successCriteria = "Sees \u202Ethe dashboard" } },
            tags = Array.Empty<object>(),
        }, SessionLabFactory.Json);

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["tasks[0].instructions", "tasks[0].successCriteria", "tasks[0].title"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Dana\u0000")]
    [InlineData("Dana\u202E")]
    [InlineData("Da\u200Bna")]
    [InlineData("Dana\nLee")]
    public async Task ASeverityRatedByANameWithAHiddenCharacterIsRefused(string updatedBy)
    {
        var study = await factory.CreateStudyAsync();
        var owner = factory.ClientWith(study.MemberToken);

        var response = await owner.PutAsJsonAsync($"/api/studies/{study.Study.Id}/findings/confusion/severity", new { severity = 3, updatedBy });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("U+", problem.GetProperty("errors").GetProperty("updatedBy")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await owner.GetFromJsonAsync<JsonElement>($"/api/studies/{study.Study.Id}/findings/severities")).GetArrayLength());
    }

    [Fact]
    public async Task AParticipantAliasWithAHiddenCharacterIsRefused()
    {
        var study = await factory.CreateStudyAsync();

        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/studies/{study.Study.Id}/sessions", new { participantAlias = "P\u200B7" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidCharacters", problem.GetProperty("code").GetString());
        Assert.Contains("participant alias", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Moderator")]
    [InlineData("OBSERVER")]
    [InlineData("observer, participant")]
    [InlineData("1")]
    public async Task ARoleInAnySpellingButCamelCaseIsRefusedListingTheAcceptedValues(string role)
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.Contains("\"moderator\", \"observer\" or \"participant\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleAsANumberIsRefusedAndAsItsCamelCaseNameAccepted()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var owner = factory.ClientWith(study.MemberToken);

        var number = await owner.PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = 1 });
        var name = await owner.PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role = "observer" });

        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Equal(HttpStatusCode.Created, name.StatusCode);
        Assert.Equal(SessionRole.Observer, (await name.Content.ReadFromJsonAsync<SessionLab.Server.Apis.Invite>(SessionLabFactory.Json))!.Role);
    }
}
