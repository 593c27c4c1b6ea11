using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;

namespace SessionLab.Recordings;

/// <summary>
/// <see cref="IBlobStore"/> over Azure.Storage.Blobs: one container of block blobs in Azure Storage or Azurite.
/// The SDK's retry policy absorbs transient failures (503, timeouts, dropped connections); whatever is left is
/// turned into this project's own exceptions, so callers never see <see cref="RequestFailedException"/>.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly BlobContainerClient _container;
    private readonly long _maxBlockBytes;
    private readonly ILogger _logger;

    public AzureBlobStore(BlobContainerClient container, long maxBlockBytes, ILogger<AzureBlobStore> logger)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockBytes);
        if (!ContainerName.IsValid(container.Name))
        {
            throw new ArgumentException(ContainerName.Rules, nameof(container));
        }

        if (!container.CanGenerateSasUri)
        {
            // Playback hands out service SAS URLs, which only an account key can sign.
            throw new ArgumentException("The container client must hold an account key (StorageSharedKeyCredential) to sign playback URLs.", nameof(container));
        }

        _container = container;
        _maxBlockBytes = maxBlockBytes;
        _logger = logger;
    }

    /// <summary>The container's URL, for logs: it carries no credentials.</summary>
    public Uri ContainerUri => _container.Uri;

    /// <summary>
    /// A store over <paramref name="containerName"/> of the account in <paramref name="connectionString"/>, which must
    /// carry an account key; <paramref name="clientOptions"/> defaults to <see cref="CreateClientOptions"/>.
    /// </summary>
    public static AzureBlobStore Create(
        string connectionString, string containerName, long maxBlockBytes, ILogger<AzureBlobStore> logger, BlobClientOptions? clientOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        var service = new BlobServiceClient(connectionString, clientOptions ?? CreateClientOptions());
        return new AzureBlobStore(service.GetBlobContainerClient(containerName), maxBlockBytes, logger);
    }

    /// <summary>
    /// The client options this store is built with. The service version is pinned to one that every Azurite since
    /// 3.19 and Azure itself accept, so a developer's emulator needs no <c>--skipApiVersionCheck</c>; nothing this
    /// store uses is newer. Retries are exponential and bounded, so a storage hiccup costs a few seconds, not a minute.
    /// </summary>
    public static BlobClientOptions CreateClientOptions()
    {
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2021_08_06);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(8);

        // Per attempt: long enough to send one full block over a slow uplink.
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        return options;
    }

    /// <summary>Whether <paramref name="connectionString"/> names an account and carries the key this store needs; the error never repeats the string.</summary>
    internal static bool IsUsableConnectionString(string connectionString, out string error)
    {
        try
        {
            var service = new BlobServiceClient(connectionString, CreateClientOptions());
            if (!service.CanGenerateAccountSasUri)
            {
                error = "The storage connection string has no AccountKey (SAS and token connection strings cannot sign playback URLs).";
                return false;
            }

            error = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's own message may quote the string, and with it the account key.
            error = "The storage connection string is not a valid Azure Storage connection string (Name=Value pairs with AccountName and AccountKey, or UseDevelopmentStorage=true).";
            return false;
        }
    }

    public async Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken)
    {
        var created = await CallAsync(
            "create the container",
            null,
            () => _container.CreateIfNotExistsAsync(PublicAccessType.None, metadata: null, cancellationToken: cancellationToken));
        if (created?.Value is not null)
        {
            RecordingStorageLog.ContainerCreated(_logger, _container.Uri.AbsoluteUri);
        }
    }

    public async Task StageBlockAsync(BlobName name, BlockId blockId, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(blockId);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _maxBlockBytes);

        // The SDK needs a seekable stream to resend the block on a retry, and a request body is not one; the block
        // is read whole first, so a body that ends early or runs long fails here and nothing is staged.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            await using (var block = new BoundedReadStream(content, length, requireExactLength: true, ownsInner: false))
            {
                await block.ReadExactlyAsync(buffer.AsMemory(0, (int)length), cancellationToken);

                // One more read: the bounded stream throws here when the body goes on past the declared length.
                _ = await block.ReadAsync(new byte[1], cancellationToken);
            }

            await using var seekable = new MemoryStream(buffer, 0, (int)length, writable: false);
            await CallAsync(
                "stage a block of",
                name,
                () => Blob(name).StageBlockAsync(blockId.Value, seekable, options: null, cancellationToken));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<BlobProperties> CommitBlockListAsync(BlobName name, IReadOnlyList<BlockId> blockIds, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var options = new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        await CallAsync(
            "commit the block list of",
            name,
            () => Blob(name).CommitBlockListAsync(blockIds.Select(id => id.Value), options, cancellationToken));
        var properties = await GetPropertiesAsync(name, cancellationToken);
        RecordingStorageLog.BlobCommitted(_logger, name.Value, blockIds.Count, properties.Length);
        return properties;
    }

    public async Task<BlockList> GetBlockListAsync(BlobName name, CancellationToken cancellationToken)
    {
        try
        {
            var list = await CallAsync(
                "read the block list of",
                name,
                () => Blob(name).GetBlockListAsync(BlockListTypes.All, snapshot: null, conditions: null, cancellationToken));
            return new BlockList(Blocks(list.Value.CommittedBlocks), Blocks(list.Value.UncommittedBlocks));
        }
        catch (BlobNotFoundException)
        {
            return BlockList.Empty;
        }

        static ImmutableArray<BlockInfo> Blocks(IEnumerable<BlobBlock>? blocks) =>
            blocks is null ? [] : [.. blocks.Select(block => new BlockInfo(BlockId.Parse(block.Name), block.SizeLong))];
    }

    public async Task<BlobDownload> DownloadAsync(BlobName name, ByteRange? range, CancellationToken cancellationToken)
    {
        var options = new BlobDownloadOptions { Range = range is null ? default : new HttpRange(range.Offset, range.Length) };
        var response = await CallAsync("read", name, () => Blob(name).DownloadStreamingAsync(options, cancellationToken), range);
        var result = response.Value;
        try
        {
            var details = result.Details;
            var (offset, total) = range is null ? (0L, details.ContentLength) : ParseContentRange(details.ContentRange);

            // Azure answers 416 here; Azurite 3.35 answers an empty 206 for a range that starts exactly at the end.
            if (range is not null && offset >= total)
            {
                throw new BlobRangeNotSatisfiableException(name, range);
            }

            var properties = new BlobProperties(name, total, details.ContentType ?? "application/octet-stream", details.ETag.ToString("H"), details.LastModified);
            var download = new BlobDownload(result.Content, properties, offset, details.ContentLength, result);
            result = null;
            return download;
        }
        finally
        {
            result?.Dispose();
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(BlobName name, CancellationToken cancellationToken)
    {
        var response = await CallAsync("read the properties of", name, () => Blob(name).GetPropertiesAsync(conditions: null, cancellationToken));
        var properties = response.Value;
        return new BlobProperties(name, properties.ContentLength, properties.ContentType ?? "application/octet-stream", properties.ETag.ToString("H"), properties.LastModified);
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobName.ValidatePrefix(prefix);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await CallAsync("list", null, async () => await pages.MoveNextAsync()))
            {
                foreach (var item in pages.Current.Values)
                {
                    if (!BlobName.TryParse(item.Name, out var name))
                    {
                        // Someone else's blob in our container; it cannot be addressed through this API anyway.
                        RecordingStorageLog.ForeignBlobSkipped(_logger, item.Name);
                        continue;
                    }

                    var properties = item.Properties;
                    yield return new BlobProperties(
                        name,
                        properties.ContentLength ?? 0,
                        properties.ContentType ?? "application/octet-stream",
                        properties.ETag?.ToString("H") ?? string.Empty,
                        properties.LastModified ?? DateTimeOffset.MinValue);
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    public async Task<bool> DeleteIfExistsAsync(BlobName name, CancellationToken cancellationToken)
    {
        var deleted = await CallAsync(
            "delete",
            name,
            () => Blob(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, cancellationToken));
        if (deleted.Value)
        {
            RecordingStorageLog.BlobDeleted(_logger, name.Value);
        }

        return deleted.Value;
    }

    /// <summary>A service SAS for this one blob: read only, expiring, over HTTPS unless the account itself is plain HTTP (Azurite).</summary>
    public ValueTask<Uri> CreateReadUrlAsync(BlobName name, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        var blob = Blob(name);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = _container.Name,
            BlobName = name.Value,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        return ValueTask.FromResult(blob.GenerateSasUri(sas));
    }

    private BlockBlobClient Blob(BlobName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _container.GetBlockBlobClient(name.Value);
    }

    /// <summary>Runs one SDK call, after the SDK's own retries, and turns what it still throws into the store's exceptions.</summary>
    private async Task<T> CallAsync<T>(string operation, BlobName? name, Func<Task<T>> call, ByteRange? range = null)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex)
        {
            throw Translate(operation, name, range, ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.LastOrDefault() is RequestFailedException last)
        {
            // What the retry policy throws when every attempt failed without an answer: the last attempt tells most.
            throw Translate(operation, name, range, last, ex);
        }
    }

    private BlobStoreException Translate(string operation, BlobName? name, ByteRange? range, RequestFailedException failure, Exception? outer = null)
    {
        var code = failure.ErrorCode;
        var status = failure.Status;
        if (name is not null)
        {
            switch (code)
            {
                case "InvalidBlockList" or "InvalidBlobOrBlock":
                    return new InvalidBlockListException(name, "a block is neither staged nor committed.");
                case "BlobNotFound" or "ContainerNotFound":
                    return new BlobNotFoundException(name);
                case "InvalidRange":
                    return new BlobRangeNotSatisfiableException(name, range ?? new ByteRange(0));
            }

            if (status == 416)
            {
                return new BlobRangeNotSatisfiableException(name, range ?? new ByteRange(0));
            }

            if (status == 404 && code is null)
            {
                // A HEAD request has no body and so no error code; 404 there can only mean the blob.
                return new BlobNotFoundException(name);
            }
        }

        RecordingStorageLog.RequestFailed(_logger, operation, name?.Value ?? _container.Name, status, code);
        var target = name is null ? $"container '{_container.Name}'" : $"'{name}'";
        var answer = status == 0 ? "no answer" : $"{status} {code}".TrimEnd();
        var hint = status == 403 && code is "AuthenticationFailed" or "AuthorizationFailure" or "InvalidAuthenticationInfo"
            ? " The account key in Recordings:ConnectionString was not accepted."
            : status is 0 or 408 or >= 500 ? " Storage stayed unavailable after the retries allowed." : string.Empty;
        var said = failure.Message.Split('\n', 2)[0].Trim();
        return new BlobStoreException(
            string.Create(CultureInfo.InvariantCulture, $"Blob storage did not {operation} {target} ({answer}).{hint} Storage said: {said}"),
            status == 0 ? null : status,
            code,
            outer ?? failure);
    }

    /// <summary>
    /// Reads <c>bytes first-last/total</c> by hand: the typed header rejects Azurite's <c>bytes 1000-999/1000</c>,
    /// which it sends for an empty range at the end.
    /// </summary>
    private static (long Offset, long Total) ParseContentRange(string? value)
    {
        value ??= string.Empty;
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
}
