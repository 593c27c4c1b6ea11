using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Apis;

/// <summary>
/// What a link's token opens: a study for its owner, or one session in one role. The browser app reads links whose
/// tokens it must treat as opaque, so it asks here which study or session to load. For a view-only link,
/// <see cref="Scope"/> says what it opens (with the session, and the note or tag, of a clip or highlight reel).
/// </summary>
public sealed record TokenAccess(
    TokenKind Kind, string? StudyId, string? SessionId, SessionRole? Role, DateTimeOffset ExpiresAt,
    ShareScope? Scope = null, Guid? NoteId = null, string? Tag = null);
