using System.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace SessionLab.Recordings.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobRestStoreContractTests(AzuriteFixture azurite) : BlobStoreContractTests, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly string _container = $"t{Guid.NewGuid():N}";

    protected override IBlobStore CreateStore() => NewStore(azurite.ConnectionString);

    protected override IBlobStore ReopenStore() => NewStore(azurite.ConnectionString);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task ReadUrlDownloadsTheBlobOverPlainHttpWithoutOtherCredentials()
    {
        var (_, data, url) = await UploadWithReadUrlAsync(DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await _http.GetAsync(url, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync(Token).WaitAsync(TestTimeouts.Step));
        Assert.Contains("sp=r", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadUrlServesRangeRequestsForSeekingPlayers()
    {
        var (_, data, url) = await UploadWithReadUrlAsync(DateTimeOffset.UtcNow.AddMinutes(5));

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4000, 4099);
        using var response = await _http.SendAsync(request, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[4000..4100], await response.Content.ReadAsByteArrayAsync(Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ExpiredReadUrlIsRefused()
    {
        var (_, _, url) = await UploadWithReadUrlAsync(DateTimeOffset.UtcNow.AddMinutes(-1));

        using var response = await _http.GetAsync(url, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ReadUrlWithItsExpiryPushedBackIsRefused()
    {
        var expiresOn = DateTimeOffset.UtcNow.AddMinutes(5);
        var (_, _, url) = await UploadWithReadUrlAsync(expiresOn);

        var original = Uri.EscapeDataString(expiresOn.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var extended = Uri.EscapeDataString(expiresOn.AddDays(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(original, url.AbsoluteUri, StringComparison.Ordinal);
        using var response = await _http.GetAsync(url.AbsoluteUri.Replace(original, extended, StringComparison.Ordinal), Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ReadUrlForOneBlobDoesNotOpenAnother()
    {
        var (name, _, url) = await UploadWithReadUrlAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        var other = NewName();
        await UploadAsync(other, RandomBytes(100));

        using var response = await _http.GetAsync(url.AbsoluteUri.Replace(name.Value, other.Value, StringComparison.Ordinal), Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ReadUrlDoesNotAllowDeleting()
    {
        var (name, data, url) = await UploadWithReadUrlAsync(DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await _http.DeleteAsync(url, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(data.Length, (await Store.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step)).Length);
    }

    [Fact]
    public async Task RequestsSignedWithAnotherAccountKeyAreRefused()
    {
        // Proves the emulator checks SharedKey signatures, so the passing tests above mean our signatures are right.
        var wrongKey = Convert.ToBase64String([.. Enumerable.Range(0, 64).Select(i => (byte)i)]);
        var impostor = NewStore(azurite.ConnectionStringWithKey(wrongKey));

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => impostor.CreateContainerIfNotExistsAsync(Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(403, error.StatusCode);
    }

    private async Task<(BlobName Name, byte[] Data, Uri Url)> UploadWithReadUrlAsync(DateTimeOffset expiresOn)
    {
        var name = NewName();
        var data = RandomBytes(5000);
        await UploadAsync(name, data);
        var url = await Store.CreateReadUrlAsync(name, expiresOn, Token).AsTask().WaitAsync(TestTimeouts.Step);
        return (name, data, url);
    }

    private AzureBlobRestStore NewStore(string connectionString) =>
        new(_http, connectionString, _container, TimeProvider.System, NullLogger<AzureBlobRestStore>.Instance);
}
