using Orleans;

namespace SessionLab.Sessions;

/// <summary>A connection a relay holds in a session, who it is and which invite link it came through.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.RelayMember")]
public sealed record RelayMember(string ConnectionId, Actor Actor, string InviteId);
