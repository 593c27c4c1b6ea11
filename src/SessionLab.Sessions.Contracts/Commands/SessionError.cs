using Orleans;

namespace SessionLab.Sessions;

/// <summary>A typed error: a stable machine-readable code and a sentence a person can act on.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionError")]
public sealed record SessionError(SessionErrorCode Code, string Message);
