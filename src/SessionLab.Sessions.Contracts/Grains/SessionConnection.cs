using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// A client connection joining a session through the relay of its node; <see cref="LastSeenSequence"/> is what it
/// already has (0 for nothing). <see cref="InviteId"/> names the invite link it came through (not the token itself),
/// so connections per link can be bounded.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionConnection")]
public sealed record SessionConnection(string ConnectionId, Actor Actor, long LastSeenSequence, ISessionRelay Relay, string InviteId);
