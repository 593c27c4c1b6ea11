using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>
/// What a link's token opens: a study for its owner, or one session in one role. The browser app reads links whose
/// tokens it must treat as opaque, so it asks here which study or session to load.
/// </summary>
public sealed record TokenAccess(TokenKind Kind, string? StudyId, string? SessionId, SessionRole? Role, DateTimeOffset ExpiresAt);
