namespace SessionLab.Recordings;

/// <summary>
/// One container of block blobs, shaped after Azure's block blob API (Put Block, Put Block List, Get Block List):
/// <see cref="AzureBlobStore"/> maps it onto Azure.Storage.Blobs, <see cref="LocalDiskBlobStore"/> onto a folder.
/// Uploads are staged block by block and become visible only when committed, which is what lets an interrupted
/// upload resume: <see cref="GetBlockListAsync"/> tells which blocks already arrived.
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates the container; succeeds if it already exists.</summary>
    Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stages exactly <paramref name="length"/> bytes read from <paramref name="content"/> as block <paramref name="blockId"/>,
    /// replacing a staged block of the same id. Throws <see cref="InvalidDataException"/> and stages nothing when the
    /// stream ends early or holds more; a block that fails half-way is never staged.
    /// </summary>
    Task StageBlockAsync(BlobName name, BlockId blockId, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the blob the given blocks in that order, each taken from the staged blocks or else from the blob's committed ones,
    /// and discards the staged blocks left over. Throws <see cref="InvalidBlockListException"/> when a block is in neither.
    /// </summary>
    Task<BlobProperties> CommitBlockListAsync(BlobName name, IReadOnlyList<BlockId> blockIds, string contentType, CancellationToken cancellationToken);

    /// <summary>The committed and staged blocks of a blob; <see cref="BlockList.Empty"/> when there are none.</summary>
    Task<BlockList> GetBlockListAsync(BlobName name, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the blob, or the part of it <paramref name="range"/> names (clamped to its end), for streaming.
    /// Throws <see cref="BlobNotFoundException"/> or <see cref="BlobRangeNotSatisfiableException"/>.
    /// </summary>
    Task<BlobDownload> DownloadAsync(BlobName name, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="BlobNotFoundException"/> when the blob has no committed content.</summary>
    Task<BlobProperties> GetPropertiesAsync(BlobName name, CancellationToken cancellationToken);

    /// <summary>Committed blobs whose names start with <paramref name="prefix"/> (a plain string prefix), in ordinal name order.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes the blob and its staged blocks; false when there was no committed blob.</summary>
    Task<bool> DeleteIfExistsAsync(BlobName name, CancellationToken cancellationToken);

    /// <summary>
    /// A URL that lets whoever holds it read this one blob until <paramref name="expiresOn"/>, without other credentials:
    /// an absolute service SAS URL for Azure, a server-relative signed URL for the local store.
    /// </summary>
    ValueTask<Uri> CreateReadUrlAsync(BlobName name, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}
