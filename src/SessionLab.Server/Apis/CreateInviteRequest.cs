using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>The role is required: a missing one must not fall back to the enum's first value (moderator).</summary>
public sealed record CreateInviteRequest(SessionRole? Role, int? ExpiresInHours);
