using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Apis;

/// <summary>
/// A request the API routes cannot take is told why: a path that exists for other methods answers 405 with Allow, a
/// JSON endpoint sent something else 415, a missing body 400; only a path that names nothing answers 404.
/// </summary>
public sealed class ApiFallbackTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Theory]
    [InlineData("PATCH", "/api/studies/st_x", "DELETE, GET, PUT")]
    [InlineData("POST", "/api/access", "GET")]
    [InlineData("OPTIONS", "/api/studies", "POST")]
    [InlineData("GET", "/api/studies/st_x/findings/bug/severity", "DELETE, PUT")]
    [InlineData("DELETE", "/api/sessions/se_x/recordings/re_x/chunks/3", "PUT")]
    public async Task AWrongMethodIs405WithTheMethodsThePathTakes(string method, string path, string allow)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        var problem = await ProblemAsync(response, "methodNotAllowed");
        Assert.Contains(allow, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "{}")]
    [InlineData("application/xml", "<study/>")]
    [InlineData("application/x-www-form-urlencoded", "name=Onboarding")]
    public async Task AJsonEndpointSentAnotherMediaTypeIs415(string contentType, string body)
    {
        var response = await (await factory.MemberClientAsync()).PostAsync("/api/studies", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await ProblemAsync(response, "unsupportedMediaType");
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(contentType, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingBodyIsAnInvalidRequest()
    {
        var study = await factory.CreateStudyAsync();

        foreach (var (client, path) in new[] { (await factory.MemberClientAsync(), "/api/studies"), (factory.ClientWith(study.MemberToken), $"/api/studies/{study.Study.Id}/sessions") })
        {
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path));

            var problem = await UnreadableRequestTests.InvalidRequestAsync(response);
            Assert.Contains("needs a JSON body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("GET", "/api/nothing")]
    [InlineData("POST", "/api/nothing")]
    [InlineData("GET", "/api/studies/st_x/nothing")]
    [InlineData("DELETE", "/api")]
    [InlineData("PUT", "/api/sessions/se_x/recordings/re_x/chunks/first")]
    public async Task APathThatNamesNothingIs404(string method, string path)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.Allow);
        await ProblemAsync(response, "notFound");
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
