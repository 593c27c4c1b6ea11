using System.Runtime.InteropServices;

namespace SessionLab.Recordings;

public static class BlobStoreExtensions
{
    /// <summary>Stages a block already in memory, such as one small chunk of a recording.</summary>
    public static async Task StageBlockAsync(this IBlobStore store, BlobName name, BlockId blockId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await store.StageBlockAsync(name, blockId, stream, content.Length, cancellationToken);
    }

    /// <summary>
    /// Uploads the next <paramref name="length"/> bytes of <paramref name="content"/> as blocks of at most
    /// <paramref name="blockBytes"/>, then commits them: a file of any size, streamed, never held in memory.
    /// </summary>
    public static async Task<BlobProperties> UploadAsync(
        this IBlobStore store, BlobName name, Stream content, long length, string contentType, long blockBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockBytes);
        var ids = new List<BlockId>();
        for (var offset = 0L; offset < length; offset += blockBytes)
        {
            var size = Math.Min(blockBytes, length - offset);
            var id = BlockId.FromIndex(ids.Count);

            // Not exact: the store checks the block's length itself, and the content goes on with the next block.
            await using var block = new BoundedReadStream(content, size, requireExactLength: false, ownsInner: false);
            await store.StageBlockAsync(name, id, block, size, cancellationToken);
            ids.Add(id);
        }

        return await store.CommitBlockListAsync(name, ids, contentType, cancellationToken);
    }
}
