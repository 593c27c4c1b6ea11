using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace SessionLab.Recordings.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreContractTests(AzuriteFixture azurite) : BlobStoreContractTests, IDisposable
{
    private const long MaxBlockBytes = 1024 * 1024;

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
    public async Task ReadUrlWithATamperedSignatureIsRefused()
    {
        var (_, _, url) = await UploadWithReadUrlAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var signature = query["sig"]!;
        query["sig"] = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        using var response = await _http.GetAsync(new UriBuilder(url) { Query = query.ToString() }.Uri, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnAccountThatRefusesTheKeyIsReportedClearlyAndNothingIsWritten()
    {
        var wrongKey = Convert.ToBase64String([.. Enumerable.Range(0, 64).Select(i => (byte)i)]);
        var impostor = NewStore(azurite.ConnectionStringWithKey(wrongKey));
        var name = NewName();

        var create = await Assert.ThrowsAsync<BlobStoreException>(() => impostor.CreateContainerIfNotExistsAsync(Token).WaitAsync(TestTimeouts.Step));
        var stage = await Assert.ThrowsAsync<BlobStoreException>(() => impostor.StageBlockAsync(name, BlockId.FromIndex(0), RandomBytes(100), Token).WaitAsync(TestTimeouts.Step));
        var commit = await Assert.ThrowsAsync<BlobStoreException>(() => impostor.CommitBlockListAsync(name, [BlockId.FromIndex(0)], WebM, Token).WaitAsync(TestTimeouts.Step));

        Assert.All([create, stage, commit], error =>
        {
            Assert.Equal(403, error.StatusCode);
            Assert.Contains("account key", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
        });
        Assert.Equal(BlockList.Empty, await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ABlockFromAForwardOnlyStreamThatMeetsTransient503sIsRetriedAndStoredWhole()
    {
        var faults = new FaultInjectingHandler(FaultInjectingHandler.IsStageBlock, failures: 2);
        var store = NewStore(azurite.ConnectionString, faults);
        var name = NewName();
        var data = RandomBytes(200_000);

        await store.StageBlockAsync(name, BlockId.FromIndex(0), new ForwardOnlyStream(data), data.Length, Token).WaitAsync(TestTimeouts.Step);
        await store.CommitBlockListAsync(name, [BlockId.FromIndex(0)], WebM, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(3, faults.Attempts);
        Assert.Equal(data, await ReadAllAsync(name, range: null));
    }

    [Fact]
    public async Task StorageThatStaysUnavailableIsReportedAfterTheRetriesAndNothingIsStaged()
    {
        var faults = new FaultInjectingHandler(FaultInjectingHandler.IsStageBlock, FaultInjectingHandler.Always);
        var store = NewStore(azurite.ConnectionString, faults);
        var name = NewName();

        var error = await Assert.ThrowsAsync<BlobStoreException>(() =>
            store.StageBlockAsync(name, BlockId.FromIndex(0), new ForwardOnlyStream(RandomBytes(1000)), 1000, Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal(FastRetries().Retry.MaxRetries + 1, faults.Attempts);
        Assert.Equal(BlockList.Empty, await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ACommitThatStaysUnavailableLeavesTheCommittedBlobAsItWas()
    {
        var name = NewName();
        var before = RandomBytes(3000);
        await UploadAsync(name, before);
        await Store.StageBlockAsync(name, BlockId.FromIndex(1), RandomBytes(500), Token).WaitAsync(TestTimeouts.Step);
        var store = NewStore(azurite.ConnectionString, new FaultInjectingHandler(FaultInjectingHandler.IsCommit, FaultInjectingHandler.Always));

        var error = await Assert.ThrowsAsync<BlobStoreException>(() =>
            store.CommitBlockListAsync(name, [BlockId.FromIndex(0), BlockId.FromIndex(1)], WebM, Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(before, await ReadAllAsync(name, range: null));
        Assert.Equal([3000L], (await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step)).Committed.Select(block => block.Size));
    }

    [Fact]
    public async Task ACommitWhoseAnswerIsLostIsRetriedAndCommitsTheBlocksOnce()
    {
        var faults = new FaultInjectingHandler(FaultInjectingHandler.IsCommit, failures: 1, loseAnswer: true);
        var store = NewStore(azurite.ConnectionString, faults);
        var name = NewName();
        var first = RandomBytes(1000);
        var second = RandomBytes(700);
        await store.StageBlockAsync(name, BlockId.FromIndex(0), first, Token).WaitAsync(TestTimeouts.Step);
        await store.StageBlockAsync(name, BlockId.FromIndex(1), second, Token).WaitAsync(TestTimeouts.Step);

        var committed = await store.CommitBlockListAsync(name, [BlockId.FromIndex(0), BlockId.FromIndex(1)], WebM, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(2, faults.Attempts);
        Assert.Equal(1700, committed.Length);
        Assert.Equal(first.Concat(second), await ReadAllAsync(name, range: null));
        var blocks = await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step);
        Assert.Equal([1000L, 700], blocks.Committed.Select(block => block.Size));
        Assert.Empty(blocks.Uncommitted);
    }

    [Fact]
    public async Task StorageThatCannotBeReachedIsReportedAsAStoreFailure()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var unreachable = NewStore(azurite.ConnectionString.Replace($":{azurite.Port}/", $":{closedPort}/", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BlobStoreException>(() => unreachable.CreateContainerIfNotExistsAsync(Token).WaitAsync(TestTimeouts.Step));

        Assert.Null(error.StatusCode);
        Assert.Contains("no answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlockLargerThanTheStoreBuffersIsRefusedBeforeAnythingIsRead()
    {
        var name = NewName();
        await using var content = new ForwardOnlyStream(RandomBytes(10));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Store.StageBlockAsync(name, BlockId.FromIndex(0), content, MaxBlockBytes + 1, Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(BlockList.Empty, await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step));
    }

    private async Task<(BlobName Name, byte[] Data, Uri Url)> UploadWithReadUrlAsync(DateTimeOffset expiresOn)
    {
        var name = NewName();
        var data = RandomBytes(5000);
        await UploadAsync(name, data);
        var url = await Store.CreateReadUrlAsync(name, expiresOn, Token).AsTask().WaitAsync(TestTimeouts.Step);
        return (name, data, url);
    }

    /// <summary>The store's own client options, with retries that wait milliseconds instead of seconds.</summary>
    private static BlobClientOptions FastRetries()
    {
        var options = AzureBlobStore.CreateClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        return options;
    }

    private AzureBlobStore NewStore(string connectionString, HttpMessageHandler? transport = null)
    {
        var options = FastRetries();
        if (transport is not null)
        {
            options.Transport = new HttpClientTransport(new HttpClient(transport));
        }

        return AzureBlobStore.Create(connectionString, _container, MaxBlockBytes, NullLogger<AzureBlobStore>.Instance, options);
    }
}
