using SessionLab.Sessions;

namespace SessionLab.Server.Hubs;

/// <summary>The session and identity a connection joined with, kept in the connection's items: the hub itself holds no state.</summary>
internal sealed record SessionMembership(string SessionId, Actor Actor);
