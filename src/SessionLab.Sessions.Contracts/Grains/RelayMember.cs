using Orleans;

namespace SessionLab.Sessions;

/// <summary>A connection a relay holds in a session, and who it is.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.RelayMember")]
public sealed record RelayMember(string ConnectionId, Actor Actor);
