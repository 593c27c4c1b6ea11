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
}
