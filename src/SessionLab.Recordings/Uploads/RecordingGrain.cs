using Microsoft.Extensions.Options;

namespace SessionLab.Recordings;

/// <summary>
/// The turn of one recording across the cluster. Orleans runs one activation per recording id and one call at a time,
/// so the grain itself performs each step that must not overlap another: a chunk's size check and staging, and a
/// completion's checks, commit and catalog update, each re-reading the catalog and the block list inside the turn.
/// The chunk's bytes travel with the call (at most Recordings:MaxBlockBytes; the silo's message limit is raised to
/// fit) rather than the grain handing out a lease that the caller's node then acts under: a lease has to expire to
/// survive a dead node, and a holder that is merely slow would go on writing after it expired, beside the next one.
/// Here the work and the turn die together: if a node crashes mid-step its process writes nothing more, and the grain
/// comes back on a survivor for the retry. The HTTP request body is read whole before the call, so a slow uploader
/// never holds the turn. The grain keeps no state of its own; everything it decides on is read from the store.
/// </summary>
[GrainType("recording")]
internal sealed class RecordingGrain(
    IRecordingCatalog catalog,
    IBlobStore store,
    IStorageQuota quota,
    IOptions<RecordingStorageOptions> options,
    TimeProvider time,
    ILogger<RecordingGrain> logger) : Grain, IRecordingGrain
{
    private static readonly RecordingRefusal AlreadyComplete =
        RecordingRefusal.Of(RecordingErrorCode.RecordingAlreadyComplete, "This recording is complete; it takes no more chunks.");

    private string RecordingId => this.GetPrimaryKeyString();

    public async Task<RecordingRefusal?> StageChunkAsync(string sessionId, int index, byte[] chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var limits = options.Value;
        var recording = await catalog.FindAsync(sessionId, RecordingId, cancellationToken);
        if (recording is null)
        {
            return RecordingRefusal.Of(RecordingErrorCode.RecordingNotFound, $"Session '{sessionId}' has no recording '{RecordingId}'.");
        }
        if (recording.Status == RecordingStatus.Complete)
        {
            return AlreadyComplete;
        }
        try
        {
            // Every chunk held takes room until completion discards those it leaves out, so all count against the
            // server's limit; a chunk sent again replaces itself.
            var blockId = BlockId.FromIndex(index);
            var blocks = await store.GetBlockListAsync(recording.BlobName, cancellationToken);
            long length = chunk.Length;
            var held = blocks.Uncommitted.Where(b => b.Id != blockId).Sum(b => b.Size);
            if (held + length > limits.MaxRecordingBytes)
            {
                return RecordingRefusal.OverLimit(RecordingErrorCode.RecordingTooLarge,
                    $"With this chunk the recording would hold {held + length} bytes; it can hold at most {limits.MaxRecordingBytes}.", "maxRecordingBytes", limits.MaxRecordingBytes);
            }

            // A completion with this chunk has every chunk below it but not necessarily those above (a stray, or what
            // an attempt chunked differently left), so only those below count against the announced size.
            var below = blocks.Uncommitted.Where(b => b.Id.Index < index).Sum(b => b.Size);
            if (recording.ExpectedBytes is { } expected && below + length > expected)
            {
                return RecordingRefusal.OverLimit(RecordingErrorCode.RecordingTooLarge,
                    $"This chunk and those below it would hold {below + length} bytes; the recording was announced as {expected}.", "maxRecordingBytes", expected);
            }

            // The catalog already counts the size the recording announced against its workspace's quota; only what
            // its chunks hold beyond that is new room. Checked before staging, so a refused chunk leaves nothing.
            var beyondAnnounced = held + length - (recording.ExpectedBytes ?? 0);
            if (beyondAnnounced > 0 && await quota.CheckAsync(recording.StudyId, beyondAnnounced, cancellationToken) is { } full)
            {
                return RecordingRefusal.QuotaReached(full);
            }
            await store.StageBlockAsync(recording.BlobName, blockId, chunk, cancellationToken);
            return null;
        }
        catch (BlobStoreException error)
        {
            return StorageUnavailable(sessionId, error);
        }
    }

    public async Task<RecordingRefusal?> CompleteAsync(string sessionId, int chunkCount, long? durationMs, CancellationToken cancellationToken)
    {
        var recording = await catalog.FindAsync(sessionId, RecordingId, cancellationToken);
        if (recording is null)
        {
            return RecordingRefusal.Of(RecordingErrorCode.RecordingNotFound, $"Session '{sessionId}' has no recording '{RecordingId}'.");
        }
        if (recording.Status == RecordingStatus.Complete)
        {
            // A completion retried after its answer was lost succeeds again; a different one is a client bug.
            return recording.ChunkCount == chunkCount
                ? null
                : RecordingRefusal.Of(RecordingErrorCode.RecordingAlreadyComplete, $"This recording was completed with {recording.ChunkCount} chunks.");
        }
        try
        {
            // Committed blocks of a recording still uploading are from a completion whose catalog write was lost (a
            // crash): the commit takes them where no staged block replaces them, so they count here too.
            var blocks = await store.GetBlockListAsync(recording.BlobName, cancellationToken);
            var sizes = new Dictionary<int, long>();
            foreach (var block in blocks.Committed.Concat(blocks.Uncommitted).Where(b => b.Id.Index is not null))
            {
                sizes[block.Id.Index!.Value] = block.Size;
            }
            var missing = Enumerable.Range(0, chunkCount).Where(i => !sizes.ContainsKey(i)).ToList();
            if (missing.Count > 0)
            {
                return new RecordingRefusal(RecordingErrorCode.ChunksMissing,
                    $"{missing.Count} of the {chunkCount} chunks have not arrived; send them, then complete again.", null, 0, [.. missing.Take(1000)]);
            }
            var total = Enumerable.Range(0, chunkCount).Sum(i => sizes[i]);
            if (total > options.Value.MaxRecordingBytes)
            {
                return RecordingRefusal.Of(RecordingErrorCode.RecordingTooLarge, $"The chunks hold {total} bytes; a recording can be at most {options.Value.MaxRecordingBytes}.");
            }
            if (recording.ExpectedBytes is { } expected && expected != total)
            {
                return RecordingRefusal.Of(RecordingErrorCode.SizeMismatch, $"The chunks hold {total} bytes, but the recording was announced as {expected}.");
            }
            var blob = await store.CommitBlockListAsync(recording.BlobName, [.. Enumerable.Range(0, chunkCount).Select(BlockId.FromIndex)], recording.ContentType, cancellationToken);

            // The blob is committed and its staged chunks are gone: the catalog must say so even if the caller has left.
            await catalog.CompleteAsync(RecordingId, blob.Length, chunkCount, durationMs, time.GetUtcNow(), CancellationToken.None);
            RecordingsLog.Completed(logger, sessionId, RecordingId, chunkCount, blob.Length);
            return null;
        }
        catch (BlobStoreException error)
        {
            return StorageUnavailable(sessionId, error);
        }
    }

    /// <summary>The store's exception stays on this node (it has no codec); the caller gets the refusal it maps to.</summary>
    private RecordingRefusal StorageUnavailable(string sessionId, BlobStoreException error)
    {
        RecordingsLog.StorageFailed(logger, sessionId, error);
        return RecordingRefusal.Of(RecordingErrorCode.StorageUnavailable, "Recording storage did not answer; try again shortly.");
    }
}
