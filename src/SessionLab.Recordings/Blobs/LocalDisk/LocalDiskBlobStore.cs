using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SessionLab.Recordings;

/// <summary>
/// <see cref="IBlobStore"/> on a local folder, the default when no Azure connection string is configured.
/// Layout under the root: <c>blobs/{name}@blob</c> with <c>@meta.json</c> beside it (the '@' is outside the name
/// charset, so a blob <c>a/b</c> and a blob <c>a/b/c</c> never collide as file and folder), staged blocks in
/// <c>staging/{sha256(name)}/{block id hex}</c>, and <c>tmp/</c> for files being written. Every write goes to
/// <c>tmp/</c> first and is renamed into place, so a reader or a crash never sees half a block or half a blob.
/// </summary>
public sealed class LocalDiskBlobStore : IBlobStore
{
    private const string DataSuffix = "@blob";
    private const string MetadataSuffix = "@meta.json";
    private const int CopyBufferSize = 81_920;
    private const int LockStripes = 64;

    private readonly string _root;
    private readonly string _blobsRoot;
    private readonly string _stagingRoot;
    private readonly string _tempRoot;
    private readonly PlaybackUrlSigner _urlSigner;
    private readonly ILogger _logger;

    // Commits, stages, deletes and block lists of one blob take turns: a commit removes the staged blocks one file at a
    // time, which a block list must not see half-way. Reads of the bytes need no lock: those only ever change by rename.
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1))];

    public LocalDiskBlobStore(string rootPath, PlaybackUrlSigner urlSigner, ILogger<LocalDiskBlobStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        _blobsRoot = Path.Combine(_root, "blobs");
        _stagingRoot = Path.Combine(_root, "staging");
        _tempRoot = Path.Combine(_root, "tmp");
        _urlSigner = urlSigner;
        _logger = logger;
    }

    public string RootPath => _root;

    public Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken)
    {
        var existed = Directory.Exists(_blobsRoot);
        Directory.CreateDirectory(_blobsRoot);
        Directory.CreateDirectory(_stagingRoot);
        Directory.CreateDirectory(_tempRoot);
        if (!existed)
        {
            RecordingStorageLog.ContainerCreated(_logger, _root);
        }

        return Task.CompletedTask;
    }

    public async Task StageBlockAsync(BlobName name, BlockId blockId, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blockId);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var stagingDirectory = StagingDirectory(name);
        var temp = NewTempPath();
        try
        {
            await using (var file = CreateTempFile(temp))
            {
                await using var block = new BoundedReadStream(content, length, requireExactLength: true, ownsInner: false);
                await block.CopyToAsync(file, CopyBufferSize, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            using (await LockAsync(name, cancellationToken))
            {
                Directory.CreateDirectory(stagingDirectory);
                File.Move(temp, Path.Combine(stagingDirectory, blockId.ToHex()), overwrite: true);
            }
        }
        finally
        {
            DeleteIfPresent(temp);
        }
    }

    public async Task<BlobProperties> CommitBlockListAsync(BlobName name, IReadOnlyList<BlockId> blockIds, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var dataPath = DataPath(name);
        var stagingDirectory = StagingDirectory(name);
        var tempData = NewTempPath();
        var tempMetadata = NewTempPath();
        using var held = await LockAsync(name, cancellationToken);
        try
        {
            var blocks = await WriteBlocksAsync(name, blockIds, dataPath, stagingDirectory, tempData, cancellationToken);
            await File.WriteAllTextAsync(tempMetadata, JsonSerializer.Serialize(new LocalBlobMetadata(contentType, blocks)), cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(dataPath)!);
            KeepETagsDistinct(tempData, dataPath);

            // Bytes first: between the two renames a reader sees the new bytes with the old content type, never the reverse.
            File.Move(tempData, dataPath, overwrite: true);
            File.Move(tempMetadata, MetadataPath(name), overwrite: true);
            if (Directory.Exists(stagingDirectory))
            {
                Directory.Delete(stagingDirectory, recursive: true);
            }
        }
        finally
        {
            DeleteIfPresent(tempData);
            DeleteIfPresent(tempMetadata);
        }

        var properties = await GetPropertiesAsync(name, cancellationToken);
        RecordingStorageLog.BlobCommitted(_logger, name.Value, blockIds.Count, properties.Length);
        return properties;
    }

    public async Task<BlockList> GetBlockListAsync(BlobName name, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(name, cancellationToken);
        var metadata = await ReadMetadataAsync(name, cancellationToken);
        ImmutableArray<BlockInfo> committed = metadata is null ? [] : [.. metadata.Blocks.Select(block => new BlockInfo(BlockId.Parse(block.Id), block.Size))];
        var stagingDirectory = StagingDirectory(name);
        ImmutableArray<BlockInfo> uncommitted = Directory.Exists(stagingDirectory)
            ? [.. new DirectoryInfo(stagingDirectory).EnumerateFiles()
                .OrderBy(file => file.Name, StringComparer.Ordinal)
                .Select(file => new BlockInfo(BlockId.FromHex(file.Name), file.Length))]
            : [];
        return new BlockList(committed, uncommitted);
    }

    public async Task<BlobDownload> DownloadAsync(BlobName name, ByteRange? range, CancellationToken cancellationToken)
    {
        var file = OpenData(name) ?? throw new BlobNotFoundException(name);
        try
        {
            var properties = await PropertiesAsync(name, file, cancellationToken);
            var offset = range?.Offset ?? 0;
            if (range is not null && offset >= properties.Length)
            {
                throw new BlobRangeNotSatisfiableException(name, range);
            }

            var length = Math.Min(range?.Length ?? long.MaxValue, properties.Length - offset);
            file.Seek(offset, SeekOrigin.Begin);
            var download = new BlobDownload(new BoundedReadStream(file, length, requireExactLength: false, ownsInner: true), properties, offset, length);
            file = null;
            return download;
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(BlobName name, CancellationToken cancellationToken)
    {
        await using var file = OpenData(name) ?? throw new BlobNotFoundException(name);
        return await PropertiesAsync(name, file, cancellationToken);
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobName.ValidatePrefix(prefix);

        // Start at the deepest folder the prefix fully names; its last, partial segment filters below.
        var folder = prefix.LastIndexOf('/') is var slash and >= 0 ? prefix[..slash] : string.Empty;
        var start = folder.Length == 0 ? _blobsRoot : UnderRoot(_blobsRoot, folder);
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchType = MatchType.Simple };
        var names = Directory.EnumerateFiles(start, "*" + DataSuffix, options)
            .Select(path => Path.GetRelativePath(_blobsRoot, path)[..^DataSuffix.Length].Replace(Path.DirectorySeparatorChar, '/'))
            .Where(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var candidate in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!BlobName.TryParse(candidate, out var name))
            {
                continue;
            }

            BlobProperties properties;
            try
            {
                properties = await GetPropertiesAsync(name, cancellationToken);
            }
            catch (BlobNotFoundException)
            {
                // Deleted since the folder was read.
                continue;
            }

            yield return properties;
        }
    }

    public async Task<bool> DeleteIfExistsAsync(BlobName name, CancellationToken cancellationToken)
    {
        var dataPath = DataPath(name);
        using (await LockAsync(name, cancellationToken))
        {
            var existed = File.Exists(dataPath);
            DeleteIfPresent(dataPath);
            DeleteIfPresent(MetadataPath(name));
            var stagingDirectory = StagingDirectory(name);
            if (Directory.Exists(stagingDirectory))
            {
                Directory.Delete(stagingDirectory, recursive: true);
            }

            if (existed)
            {
                RecordingStorageLog.BlobDeleted(_logger, name.Value);
            }

            return existed;
        }
    }

    public ValueTask<Uri> CreateReadUrlAsync(BlobName name, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_urlSigner.CreateUrl(name, expiresOn));

    private async Task<ImmutableArray<LocalBlobMetadata.Block>> WriteBlocksAsync(
        BlobName name, IReadOnlyList<BlockId> blockIds, string dataPath, string stagingDirectory, string tempData, CancellationToken cancellationToken)
    {
        // Where each committed block starts in the current bytes, for blocks the new list keeps without restaging them.
        var committedAt = new Dictionary<string, (long Offset, long Size)>(StringComparer.Ordinal);
        var offset = 0L;
        foreach (var block in (await ReadMetadataAsync(name, cancellationToken))?.Blocks ?? [])
        {
            committedAt.TryAdd(block.Id, (offset, block.Size));
            offset += block.Size;
        }

        var written = ImmutableArray.CreateBuilder<LocalBlobMetadata.Block>(blockIds.Count);
        await using var current = committedAt.Count > 0 ? OpenData(name) : null;
        await using var output = CreateTempFile(tempData);
        foreach (var id in blockIds)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(blockIds));
            var staged = Path.Combine(stagingDirectory, id.ToHex());
            if (File.Exists(staged))
            {
                await using var input = new FileStream(staged, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await input.CopyToAsync(output, CopyBufferSize, cancellationToken);
                written.Add(new LocalBlobMetadata.Block(id.Value, input.Length));
            }
            else if (current is not null && committedAt.TryGetValue(id.Value, out var committed))
            {
                current.Seek(committed.Offset, SeekOrigin.Begin);
                await using var input = new BoundedReadStream(current, committed.Size, requireExactLength: false, ownsInner: false);
                await input.CopyToAsync(output, CopyBufferSize, cancellationToken);
                written.Add(new LocalBlobMetadata.Block(id.Value, committed.Size));
            }
            else
            {
                throw new InvalidBlockListException(name, $"block {id.Value} is neither staged nor committed.");
            }
        }

        await output.FlushAsync(cancellationToken);
        output.Flush(flushToDisk: true);
        return written.MoveToImmutable();
    }

    /// <summary>
    /// ETags derive from the write time and length, so a replacement of the same length must not share the old
    /// write time, which a file system with coarse timestamps would otherwise allow.
    /// </summary>
    private static void KeepETagsDistinct(string replacement, string current)
    {
        if (File.Exists(current) && File.GetLastWriteTimeUtc(replacement) <= File.GetLastWriteTimeUtc(current))
        {
            File.SetLastWriteTimeUtc(replacement, File.GetLastWriteTimeUtc(current).AddSeconds(1));
        }
    }

    private async Task<BlobProperties> PropertiesAsync(BlobName name, FileStream file, CancellationToken cancellationToken)
    {
        var length = file.Length;
        var lastModified = new DateTimeOffset(File.GetLastWriteTimeUtc(file.SafeFileHandle), TimeSpan.Zero);

        // Derived from the open file itself, so the tag always matches the bytes this handle reads.
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"{lastModified.UtcTicks:x}-{length:x}\"");
        var contentType = (await ReadMetadataAsync(name, cancellationToken))?.ContentType ?? "application/octet-stream";
        return new BlobProperties(name, length, contentType, etag, lastModified);
    }

    private async Task<LocalBlobMetadata?> ReadMetadataAsync(BlobName name, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(MetadataPath(name));
            return await JsonSerializer.DeserializeAsync<LocalBlobMetadata>(stream, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private FileStream? OpenData(BlobName name)
    {
        try
        {
            // FileShare.Delete lets a commit or delete replace the file while a playback still streams the old bytes.
            return new FileStream(DataPath(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private FileStream CreateTempFile(string path)
    {
        Directory.CreateDirectory(_tempRoot);
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous);
    }

    /// <summary>Cleans up after a failed write without masking its exception, even when tmp/ was never created.</summary>
    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string NewTempPath() => Path.Combine(_tempRoot, Guid.NewGuid().ToString("N"));

    private string DataPath(BlobName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return UnderRoot(_blobsRoot, name.Value + DataSuffix);
    }

    private string MetadataPath(BlobName name) => UnderRoot(_blobsRoot, name.Value + MetadataSuffix);

    private string StagingDirectory(BlobName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Path.Combine(_stagingRoot, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name.Value))));
    }

    /// <summary>Resolves a relative path and refuses anything that lands outside <paramref name="root"/>, whatever the name validation let through.</summary>
    private static string UnderRoot(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relative}' resolves outside the recordings folder.", nameof(relative));
        }

        return full;
    }

    private async Task<IDisposable> LockAsync(BlobName name, CancellationToken cancellationToken)
    {
        var stripe = _locks[(uint)StringComparer.Ordinal.GetHashCode(name.Value) % LockStripes];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
