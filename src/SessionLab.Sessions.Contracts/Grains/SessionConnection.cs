namespace SessionLab.Sessions;

/// <summary>A client connection joining a session; <see cref="LastSeenSequence"/> is what it already has (0 for nothing).</summary>
public sealed record SessionConnection(string ConnectionId, Actor Actor, long LastSeenSequence);
