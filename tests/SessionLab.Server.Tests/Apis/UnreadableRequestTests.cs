using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Apis;

/// <summary>
/// Bodies, query strings and route values the server cannot read are answered as the protocol promises: a problem
/// with code invalidRequest and a detail that says which value was wrong and what was expected, never a bare 400.
/// </summary>
public sealed class UnreadableRequestTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task MalformedJsonSaysTheBodyIsNotJsonAndWhere()
    {
        var response = await factory.CreateClient().PostAsync("/api/studies", Json("{ name: \"Onboarding\" }"));

        var problem = await InvalidRequestAsync(response);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
        Assert.Contains("line 1", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": 5 }""", "name", "a string")]
    [InlineData("""{ "name": "Onboarding", "tasks": "x" }""", "tasks", "an array")]
    [InlineData("""{ "name": "Onboarding", "tasks": [], "tags": [{ "name": "bug", "color": "#b91c1c", "hotkey": 99999999999 }] }""", "tags[0].hotkey", "a whole number")]
    [InlineData("""{ "name": "Onboarding", "tasks": [7] }""", "tasks[0]", "an object")]
    [InlineData("""[1, 2]""", null, "an object")]
    public async Task AValueOfTheWrongTypeInAStudyNamesItsFieldAndTheExpectedType(string body, string? field, string expected)
    {
        var response = await factory.CreateClient().PostAsync("/api/studies", Json(body));

        var problem = await InvalidRequestAsync(response);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains($"'{field}'", detail, StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected errors.{field}: {problem}");
        }
    }

    [Fact]
    public async Task AnUnknownRoleListsTheRolesThereAre()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PostAsync($"/api/sessions/{session.Id}/invites", Json("""{ "role": "admin" }"""));

        var detail = (await InvalidRequestAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("'role'", detail, StringComparison.Ordinal);
        Assert.Contains("\"moderator\", \"observer\" or \"participant\"", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFractionalSeverityAsksForAWholeNumber()
    {
        var study = await factory.CreateStudyAsync();

        var response = await factory.ClientWith(study.MemberToken).PutAsync($"/api/studies/{study.Study.Id}/findings/confusion/severity", Json("""{ "severity": 2.5 }"""));

        var problem = await InvalidRequestAsync(response);
        Assert.Contains("'severity' must be a whole number", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("severity", out _));
    }

    [Theory]
    [InlineData("after=abc", "'after' must be a whole number")]
    [InlineData("after=1&after=2", "'after' was given 2 times")]
    public async Task AQueryValueThatCannotBeReadNamesTheParameter(string query, string expected)
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).GetAsync($"/api/sessions/{session.Id}/events?{query}");

        var problem = await InvalidRequestAsync(response);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task AClipWindowThatIsNotANumberNamesTheQueryParameter()
    {
        var response = await factory.CreateClient().GetAsync($"/api/sessions/se_x/notes/{Guid.NewGuid()}/clip?beforeSeconds=ten");

        Assert.Contains("Query parameter 'beforeSeconds' must be a number", (await InvalidRequestAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonBodyInACharsetTheServerDoesNotKnowIs415NotAServerError()
    {
        var body = new StringContent("{}", Encoding.UTF8);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=klingon");

        var response = await factory.CreateClient().PostAsync("/api/studies", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unsupportedMediaType", problem.GetProperty("code").GetString());
        Assert.Contains("charset 'klingon'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static async Task<JsonElement> InvalidRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
