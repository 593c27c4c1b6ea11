using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>Every bad HTTP request of <see cref="HttpCorpus"/> is refused with its own status and code, and changes nothing.</summary>
[Collection(CorpusCollection.Name)]
public sealed class HttpCorpusTests(CorpusWorld world)
{
    private static readonly Dictionary<string, HttpCase> Cases = HttpCorpus.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(HttpCorpus.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadRequestIsRefusedWithItsCodeAndChangesNothing(string name)
    {
        var c = Cases[name];
        var before = await world.SnapshotBeforeAsync();

        using var request = Build(c);
        using var response = await world.Server.CreateClient().SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(c.Status == (int)response.StatusCode, $"{c.Name}: expected {c.Status} {c.Code}, got {(int)response.StatusCode} {Shorten(body)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("code", out var code), $"{c.Name}: no code in {Shorten(body)}");
        Assert.Equal(c.Code, code.GetString());
        Assert.True(c.Mentions is null || body.Contains(c.Mentions, StringComparison.Ordinal), $"{c.Name}: the problem does not name {c.Mentions}: {Shorten(body)}");
        Assert.Equal(before, await world.SnapshotAfterAsync());
        await world.AssertOthersAreStillServedAsync();
    }

    private HttpRequestMessage Build(HttpCase c)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(world.Resolve(c.Path), UriKind.Relative));
        if (c.Token is { } token)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + world.Resolve(token));
        }
        foreach (var (header, value) in c.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.Remove(header);
            request.Headers.TryAddWithoutValidation(header, world.Resolve(value));
        }
        var bytes = c.Bytes ?? (c.Body is { } text ? Encoding.UTF8.GetBytes(world.Resolve(text)) : null);
        if (bytes is not null)
        {
            request.Content = c.Chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
            request.Headers.TransferEncodingChunked = c.Chunked ? true : null;
            if (c.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        return request;
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;

    /// <summary>A body whose length is not known up front, so it goes without a Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
