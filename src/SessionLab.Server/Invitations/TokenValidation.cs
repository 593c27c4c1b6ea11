using SessionLab.Sessions;

namespace SessionLab.Server.Invitations;

/// <summary>The outcome of reading a token: its claims, or the typed reason it cannot be used.</summary>
public sealed record TokenValidation(TokenClaims? Claims, SessionError? Error)
{
    public static TokenValidation Valid(TokenClaims claims) => new(claims, null);

    public static TokenValidation Invalid(SessionErrorCode code, string message) => new(null, new SessionError(code, message));

    /// <summary>
    /// The claims of a token that is genuine (signed by this server, the right kind) but expired; <see cref="Claims"/>
    /// stays null, so it grants nothing. A view-only link reads it to say "revoked" rather than "expired".
    /// </summary>
    public TokenClaims? ExpiredClaims { get; init; }
}
