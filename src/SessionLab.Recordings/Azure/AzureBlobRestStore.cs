using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;

namespace SessionLab.Recordings;

/// <summary>
/// <see cref="IBlobStore"/> over the Azure Blob REST API with SharedKey signing, because Azure.Storage.Blobs cannot be
/// restored here. Works against Azure Storage and Azurite alike; bodies stream in both directions.
/// </summary>
public sealed class AzureBlobRestStore : IBlobStore
{
    /// <summary>The name under which registration configures the <see cref="HttpClient"/> this store uses.</summary>
    public const string HttpClientName = "SessionLab.Recordings.AzureBlob";

    private readonly HttpClient _http;
    private readonly SharedKeySigner _signer;
    private readonly string _container;
    private readonly Uri _containerUri;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public AzureBlobRestStore(HttpClient http, string connectionString, string container, TimeProvider timeProvider, ILogger<AzureBlobRestStore> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        if (!ContainerName.IsValid(container))
        {
            throw new ArgumentException(ContainerName.Rules, nameof(container));
        }

        var parsed = StorageConnectionString.Parse(connectionString);
        _http = http;
        _signer = new SharedKeySigner(parsed.AccountName, parsed.AccountKey);
        _container = container;
        _containerUri = new Uri($"{parsed.BlobEndpoint.AbsoluteUri.TrimEnd('/')}/{container}");
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The container's URL, for logs: it carries no credentials.</summary>
    public Uri ContainerUri => _containerUri;

    public async Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(_containerUri, "restype=container"));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            RecordingStorageLog.ContainerCreated(_logger, _containerUri.AbsoluteUri);
        }
        else if (!(response.StatusCode == HttpStatusCode.Conflict && ErrorCode(response) == "ContainerAlreadyExists"))
        {
            throw await FailureAsync(request, response, cancellationToken);
        }
    }

    public async Task StageBlockAsync(BlobName name, BlockId blockId, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blockId);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var uri = WithQuery(BlobUri(name), $"comp=block&blockid={Uri.EscapeDataString(blockId.Value)}");
        using var request = new HttpRequestMessage(HttpMethod.Put, uri)
        {
            Content = new StreamContent(new BoundedReadStream(content, length, requireExactLength: true, ownsInner: false)),
        };
        request.Content.Headers.ContentLength = length;
        try
        {
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            await EnsureAsync(request, response, HttpStatusCode.Created, cancellationToken);
        }
        catch (HttpRequestException ex) when (Find<InvalidDataException>(ex) is { } invalid)
        {
            // The handler wraps what our content stream threw; callers are promised the stream's own complaint.
            ExceptionDispatchInfo.Throw(invalid);
        }
    }

    public async Task<BlobProperties> CommitBlockListAsync(BlobName name, IReadOnlyList<BlockId> blockIds, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var body = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id.Value))));
        var bytes = Encoding.UTF8.GetBytes(body.Declaration + body.ToString(SaveOptions.DisableFormatting));
        using var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(BlobUri(name), "comp=blocklist"))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", contentType);
        using (var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken))
        {
            if (response.StatusCode == HttpStatusCode.BadRequest && ErrorCode(response) is "InvalidBlockList" or "InvalidBlobOrBlock")
            {
                throw new InvalidBlockListException(name, "a block is neither staged nor committed.");
            }

            await EnsureAsync(request, response, HttpStatusCode.Created, cancellationToken);
        }

        var properties = await GetPropertiesAsync(name, cancellationToken);
        RecordingStorageLog.BlobCommitted(_logger, name.Value, blockIds.Count, properties.Length);
        return properties;
    }

    public async Task<BlockList> GetBlockListAsync(BlobName name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WithQuery(BlobUri(name), "comp=blocklist&blocklisttype=all"));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return BlockList.Empty;
        }

        await EnsureAsync(request, response, HttpStatusCode.OK, cancellationToken);
        var document = await LoadXmlAsync(response, cancellationToken);
        return new BlockList(Blocks(document.Root?.Element("CommittedBlocks")), Blocks(document.Root?.Element("UncommittedBlocks")));

        static ImmutableArray<BlockInfo> Blocks(XElement? list) =>
            list is null
                ? []
                : [.. list.Elements("Block").Select(block => new BlockInfo(
                    BlockId.Parse((string?)block.Element("Name") ?? string.Empty),
                    long.Parse((string?)block.Element("Size") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture)))];
    }

    public async Task<BlobDownload> DownloadAsync(BlobName name, ByteRange? range, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BlobUri(name));
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("x-ms-range", range.ToHttpRange());
        }

        HttpResponseMessage? response = null;
        try
        {
            // Headers only: the body stays on the wire until the caller reads it.
            response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    throw new BlobNotFoundException(name);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    throw new BlobRangeNotSatisfiableException(name, range ?? new ByteRange(0));
                case HttpStatusCode.OK or HttpStatusCode.PartialContent:
                    break;
                default:
                    throw await FailureAsync(request, response, cancellationToken);
            }

            var length = response.Content.Headers.ContentLength ?? throw new BlobStoreException("Get Blob answered without a Content-Length.");
            var (offset, total) = range is null ? (0, length) : ParseContentRange(response);

            // Azure answers 416 here; Azurite 3.35 answers an empty 206 for a range that starts exactly at the end.
            if (range is not null && offset >= total)
            {
                throw new BlobRangeNotSatisfiableException(name, range);
            }

            var properties = Properties(name, response, total);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var download = new BlobDownload(stream, properties, offset, length, new Owned(request, response));
            request = null;
            response = null;
            return download;
        }
        finally
        {
            response?.Dispose();
            request?.Dispose();
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(BlobName name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, BlobUri(name));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(name);
        }

        await EnsureAsync(request, response, HttpStatusCode.OK, cancellationToken);
        var length = response.Content.Headers.ContentLength ?? throw new BlobStoreException("Get Blob Properties answered without a Content-Length.");
        return Properties(name, response, length);
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobName.ValidatePrefix(prefix);
        string? marker = null;
        do
        {
            var query = $"restype=container&comp=list&prefix={Uri.EscapeDataString(prefix)}"
                + (marker is null ? string.Empty : $"&marker={Uri.EscapeDataString(marker)}");
            using var request = new HttpRequestMessage(HttpMethod.Get, WithQuery(_containerUri, query));
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            await EnsureAsync(request, response, HttpStatusCode.OK, cancellationToken);
            var document = await LoadXmlAsync(response, cancellationToken);
            var root = document.Root ?? throw new BlobStoreException("List Blobs answered with an empty document.");
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var rawName = (string?)blob.Element("Name") ?? string.Empty;
                if (!BlobName.TryParse(rawName, out var name))
                {
                    // Someone else's blob in our container; it cannot be addressed through this API anyway.
                    RecordingStorageLog.ForeignBlobSkipped(_logger, rawName);
                    continue;
                }

                var properties = blob.Element("Properties");
                var etag = (string?)properties?.Element("Etag") ?? string.Empty;
                yield return new BlobProperties(
                    name,
                    long.Parse((string?)properties?.Element("Content-Length") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                    (string?)properties?.Element("Content-Type") ?? "application/octet-stream",
                    etag.StartsWith('"') ? etag : $"\"{etag}\"",
                    DateTimeOffset.Parse((string?)properties?.Element("Last-Modified") ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            }

            marker = (string?)root.Element("NextMarker") is { Length: > 0 } next ? next : null;
        }
        while (marker is not null);
    }

    public async Task<bool> DeleteIfExistsAsync(BlobName name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, BlobUri(name));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(request, response, HttpStatusCode.Accepted, cancellationToken);
        RecordingStorageLog.BlobDeleted(_logger, name.Value);
        return true;
    }

    public ValueTask<Uri> CreateReadUrlAsync(BlobName name, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        var sas = _signer.CreateBlobReadSas(_container, name.Value, expiresOn);
        return ValueTask.FromResult(new UriBuilder(BlobUri(name)) { Query = sas }.Uri);
    }

    private Uri BlobUri(BlobName name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // The charset of BlobName needs no escaping; escaping anyway keeps a future widening of it safe.
        return new Uri($"{_containerUri.AbsoluteUri}/{string.Join('/', name.Value.Split('/').Select(Uri.EscapeDataString))}");
    }

    private static Uri WithQuery(Uri uri, string query) => new UriBuilder(uri) { Query = query }.Uri;

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        _signer.Sign(request, _timeProvider.GetUtcNow());
        return _http.SendAsync(request, completion, cancellationToken);
    }

    private async Task EnsureAsync(HttpRequestMessage request, HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            throw await FailureAsync(request, response, cancellationToken);
        }
    }

    private async Task<BlobStoreException> FailureAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = ErrorCode(response);
        var status = (int)response.StatusCode;
        RecordingStorageLog.RequestFailed(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, status, code);
        var message = request.Method == HttpMethod.Head ? null : await ErrorMessageAsync(response, cancellationToken);
        return new BlobStoreException(
            $"Blob storage answered {request.Method} {request.RequestUri?.AbsolutePath} with {status} {code}: {message ?? response.ReasonPhrase}",
            status,
            code);
    }

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var document = await LoadXmlAsync(response, cancellationToken);
            return (string?)document.Root?.Element("Message");
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;

    private static async Task<XDocument> LoadXmlAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken);
    }

    /// <summary>
    /// Reads <c>bytes first-last/total</c> by hand: the typed header rejects Azurite's <c>bytes 1000-999/1000</c>,
    /// which it sends for an empty range at the end.
    /// </summary>
    private static (long Offset, long Total) ParseContentRange(HttpResponseMessage response)
    {
        var value = response.Content.Headers.NonValidated.TryGetValues("Content-Range", out var values) ? values.ToString() : string.Empty;
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (value.StartsWith("bytes ", StringComparison.Ordinal) && dash > 6 && slash > dash
            && long.TryParse(value.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && long.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return (offset, total);
        }

        throw new BlobStoreException($"Get Blob answered a range read with Content-Range '{value}'.");
    }

    private static BlobProperties Properties(BlobName name, HttpResponseMessage response, long length) =>
        new(
            name,
            length,
            response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            response.Headers.ETag?.ToString() ?? string.Empty,
            response.Content.Headers.LastModified ?? DateTimeOffset.MinValue);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>Keeps a streamed response alive for as long as its download is read.</summary>
    private sealed class Owned(HttpRequestMessage request, HttpResponseMessage response) : IDisposable
    {
        public void Dispose()
        {
            response.Dispose();
            request.Dispose();
        }
    }
}
