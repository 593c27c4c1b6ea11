using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public sealed record Invite(SessionRole Role, string Token, string Url, DateTimeOffset ExpiresAt);
