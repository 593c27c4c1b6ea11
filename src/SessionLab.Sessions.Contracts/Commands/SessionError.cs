using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// A typed error: a stable machine-readable code and a sentence a person can act on; for <c>rateLimited</c>, how long
/// to wait before sending again.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionError")]
public sealed record SessionError(SessionErrorCode Code, string Message, int? RetryAfterMs = null);
