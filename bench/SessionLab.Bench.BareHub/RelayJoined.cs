using SessionLab.Sessions;

namespace SessionLab.Bench.BareHub;

public sealed record RelayJoined(string SessionId, Actor You, long HeadSequence);
