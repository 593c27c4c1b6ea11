using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public sealed record CreateInviteRequest(SessionRole Role, int? ExpiresInHours);
