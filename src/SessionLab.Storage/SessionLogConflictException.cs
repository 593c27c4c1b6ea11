namespace SessionLab.Storage;

/// <summary>An append whose sequence numbers do not follow the stored log: a second writer, which a single activation rules out.</summary>
public sealed class SessionLogConflictException(string sessionId, long sequence, Exception? inner = null)
    : Exception($"Session {sessionId} already has an event with sequence {sequence}, or a gap precedes it.", inner)
{
    public string SessionId { get; } = sessionId;

    public long Sequence { get; } = sequence;
}
