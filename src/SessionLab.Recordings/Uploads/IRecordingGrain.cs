namespace SessionLab.Recordings;

/// <summary>
/// One recording's upload turn in the cluster, keyed by the recording id: its chunks and its completion run one at a
/// time on whichever node they arrive at.
/// </summary>
[Alias("SessionLab.Server.Recordings.IRecordingGrain")]
public interface IRecordingGrain : IGrainWithStringKey
{
    /// <summary>Checks the chunk against the recording's limits and stages it; null when it was staged.</summary>
    [Alias("StageChunk")]
    Task<RecordingRefusal?> StageChunkAsync(string sessionId, int index, byte[] chunk, CancellationToken cancellationToken);

    /// <summary>Commits chunks 0 … <paramref name="chunkCount"/> − 1 and marks the recording complete; null when it is (now or already) complete with that count.</summary>
    [Alias("Complete")]
    Task<RecordingRefusal?> CompleteAsync(string sessionId, int chunkCount, long? durationMs, CancellationToken cancellationToken);
}
