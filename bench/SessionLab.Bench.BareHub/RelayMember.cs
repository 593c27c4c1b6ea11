using SessionLab.Sessions;

namespace SessionLab.Bench.BareHub;

/// <summary>The group a connection joined, kept in the connection's items: the hub holds no state.</summary>
internal sealed record RelayMember(string SessionId, Actor Actor);
