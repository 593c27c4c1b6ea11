namespace SessionLab.Storage;

public static class SessionEventStoreExtensions
{
    /// <summary>
    /// A session's state folded from its log, as its grain would hold it, without activating the grain: reads that
    /// only look (listings, access checks, reports) stay off the live session's turn and work on any node.
    /// </summary>
    public static async Task<SessionState?> LoadStateAsync(this ISessionEventStore store, string sessionId, CancellationToken cancellationToken) =>
        SessionState.Replay(await store.ReadAsync(sessionId, 0, cancellationToken));
}
