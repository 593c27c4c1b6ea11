using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// An event as persisted and delivered: its per-session sequence number (1, 2, 3… with no gaps),
/// the client-generated id of the command that caused it, who issued it and when the server recorded it.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionEventEnvelope")]
public sealed record SessionEventEnvelope(
    string SessionId,
    long Sequence,
    Guid CommandId,
    DateTimeOffset RecordedAt,
    Actor Actor,
    SessionEvent Event);
