using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

public sealed class PlaybackTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(100L, 199L)]
    [InlineData(65_530L, 65_545L)]
    [InlineData(199_990L, 199_999L)]
    public async Task RangeReadsReturnExactlyTheRequestedBytes(long first, long last)
    {
        var (scenario, bytes, url) = await UploadAsync(200_000);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(first, last);

        var response = await scenario.Moderator.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/{bytes.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes[(int)first..(int)(last + 1)], body);
        Assert.Equal("video/webm", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenAndSuffixRangesReadToTheEndAndARangePastTheEndIsUnsatisfiable()
    {
        var (scenario, bytes, url) = await UploadAsync(10_000);

        var open = await GetRangeAsync(scenario, url, new RangeHeaderValue(9_000, null));
        var suffix = await GetRangeAsync(scenario, url, new RangeHeaderValue(null, 300));
        var past = await GetRangeAsync(scenario, url, new RangeHeaderValue(10_000, 10_100));
        var whole = await scenario.Moderator.GetAsync(url);

        Assert.Equal(bytes[9_000..], await open.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes[^300..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await whole.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task AnExpiredPlaybackUrlIsRefusedWithAProblem()
    {
        var (scenario, _, url) = await UploadAsync(1_000);
        var blob = BlobName.Parse(new Uri(url).AbsolutePath[(PlaybackUrlSigner.DefaultBasePath.Length + 1)..]);
        var expired = factory.Services.GetRequiredService<PlaybackUrlSigner>().CreateUrl(blob, DateTimeOffset.UtcNow.AddSeconds(-1));

        var response = await scenario.Moderator.GetAsync(expired);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("playbackUrlExpired", await RecordingScenario.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task ATamperedPlaybackUrlIsRefusedWithAProblem()
    {
        var (scenario, _, url) = await UploadAsync(1_000);
        var other = await scenario.UploadRecordingAsync(new byte[10], clockOffsetMs: 0, durationMs: 1000);
        var otherBlob = (await scenario.CatalogEntryAsync(other.Id)).BlobName.Value;
        var uri = new Uri(url);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var signature = query["sig"]!;
        var path = uri.AbsolutePath;

        var tampered = new[]
        {
            $"{path}?expires={query["expires"]}&sig={(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}",
            $"{path}?expires={long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600}&sig={signature}",
            $"{PlaybackUrlSigner.DefaultBasePath}/{otherBlob}?expires={query["expires"]}&sig={signature}",
            path,
        };
        foreach (var attempt in tampered)
        {
            var response = await scenario.Moderator.GetAsync(attempt);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("playbackUrlInvalid", await RecordingScenario.ProblemCodeAsync(response));
        }
    }

    [Theory]
    [InlineData("items=0-1")]
    [InlineData("pages=0-1")]
    public async Task ARangeInAnotherUnitThanBytesIsIgnoredAndTheWholeFileServed(string range)
    {
        var (scenario, bytes, url) = await UploadAsync(4_000);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);

        var response = await scenario.Moderator.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<(RecordingScenario Scenario, byte[] Bytes, string Url)> UploadAsync(int length)
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var bytes = RandomNumberGenerator.GetBytes(length);
        var recording = await scenario.UploadRecordingAsync(bytes, clockOffsetMs: 0, durationMs: 60_000, chunkBytes: 64 * 1024);
        return (scenario, bytes, (await scenario.GetPlaybackAsync(recording.Id)).Url);
    }

    private static Task<HttpResponseMessage> GetRangeAsync(RecordingScenario scenario, string url, RangeHeaderValue range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = range;
        return scenario.Moderator.SendAsync(request);
    }
}
