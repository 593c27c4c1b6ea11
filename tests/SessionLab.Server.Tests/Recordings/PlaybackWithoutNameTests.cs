using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>A playback path that stops before the recording's name names nothing: 404, like any unknown path.</summary>
public sealed class PlaybackWithoutNameTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Theory]
    [InlineData("/recordings/playback")]
    [InlineData("/recordings/playback/")]
    [InlineData("/recordings/playback/?expires=1893456000&sig=abc")]
    public async Task APlaybackPathWithoutABlobNameIsNotFound(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("notFound", problem.GetProperty("code").GetString());
        Assert.Contains("/recordings/playback", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
