namespace SessionLab.Storage;

/// <summary>
/// The durable, append-only log of every session's events. SQLite is the embedded default;
/// another database (PostgreSQL) can take its place behind this interface.
/// </summary>
public interface ISessionEventStore
{
    /// <summary>
    /// Appends events of one session, durably: when the task completes they survive a crash.
    /// Sequence numbers must follow the last stored one without a gap, or <see cref="SessionLogConflictException"/> is thrown.
    /// </summary>
    Task AppendAsync(IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionEventEnvelope>> ReadAsync(string sessionId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the session and every event of it. Only the session's grain calls this, so no append races it; an append
    /// that follows anyway finds an empty log and is refused as a gap.
    /// </summary>
    Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The sessions of a study, oldest first.</summary>
    Task<IReadOnlyList<string>> ListSessionIdsAsync(string studyId, CancellationToken cancellationToken);
}
