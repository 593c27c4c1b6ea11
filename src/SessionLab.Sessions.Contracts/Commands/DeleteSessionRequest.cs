using Orleans;

namespace SessionLab.Sessions;

/// <summary>Removes a session that is not live, with its whole log; the session id is never reused.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.DeleteSessionRequest")]
public sealed record DeleteSessionRequest(Guid CommandId);
