using SessionLab.Sessions;

namespace SessionLab.Server.Invitations;

/// <summary>A token's claims when it works, or why not; an expired token's claims are kept in <see cref="ExpiredClaims"/>.</summary>
public sealed record TokenValidation(TokenClaims? Claims, SessionError? Error, TokenClaims? ExpiredClaims = null)
{
    public static TokenValidation Valid(TokenClaims claims) => new(claims, null);

    public static TokenValidation Invalid(SessionErrorCode code, string message) => new(null, new SessionError(code, message));
}
