using SessionLab.Sessions;

namespace SessionLab.Server.Invitations;

/// <summary>What a signed token says. <see cref="Scope"/> is a study id for owners and view-only links, and a session id otherwise.</summary>
public sealed record TokenClaims(TokenKind Kind, string Scope, SessionRole? Role, string? Subject, string? Name, DateTimeOffset ExpiresAt);
