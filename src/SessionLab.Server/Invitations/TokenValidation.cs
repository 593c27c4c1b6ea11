using SessionLab.Sessions;

namespace SessionLab.Server.Invitations;

/// <summary>The outcome of reading a token: its claims, or the typed reason it cannot be used.</summary>
public sealed record TokenValidation(TokenClaims? Claims, SessionError? Error)
{
    public static TokenValidation Valid(TokenClaims claims) => new(claims, null);

    public static TokenValidation Invalid(SessionErrorCode code, string message) => new(null, new SessionError(code, message));
}
