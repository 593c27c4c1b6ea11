using Microsoft.Extensions.Options;
using SessionLab.Accounts.Tokens;
using SessionLab.Sessions;

namespace SessionLab.Server.Invitations;

/// <summary>
/// Issues and checks the tokens of session links (invites and identities) and view-only links, on ASP.NET Core Data
/// Protection (<see cref="ProtectedTokens"/>): one protector purpose per kind, so a token of one kind never passes
/// for another. Ending a session revokes its invites because the session then refuses every join; a view-only link
/// is revoked in its row in the store (<see cref="Apis.ApiAccess"/> reads it).
/// </summary>
public sealed class TokenService(ProtectedTokens tokens, IOptions<TokenOptions> options, TimeProvider time)
{
    public TokenOptions Options => options.Value;

    public string IssueInvite(string sessionId, SessionRole role, TimeSpan lifetime, out DateTimeOffset expiresAt)
    {
        expiresAt = time.GetUtcNow() + lifetime;
        return Issue(new TokenClaims(TokenKind.SessionInvite, sessionId, role, null, null, expiresAt));
    }

    /// <summary>The token of a view-only link: the study and the link's id; what it opens is kept in the link's row.</summary>
    public string IssueReportShare(string studyId, string shareId, DateTimeOffset expiresAt) =>
        Issue(new TokenClaims(TokenKind.ReportShare, studyId, null, shareId, null, expiresAt));

    public string IssueIdentity(string sessionId, Actor actor) =>
        Issue(new TokenClaims(TokenKind.Identity, sessionId, actor.Role, actor.Id, actor.DisplayName, time.GetUtcNow() + Options.MaxInviteLifetime));

    /// <summary>
    /// Reads a token of the expected kind. An expired token still carries its claims, so a view-only link that its
    /// owner turned off is reported as turned off rather than expired.
    /// </summary>
    public TokenValidation Validate(string? token, TokenKind expectedKind)
    {
        var read = tokens.Read<TokenClaims>(expectedKind.ToString(), token);
        return read.Status switch
        {
            TokenReadStatus.Valid when read.Claims!.Kind == expectedKind => TokenValidation.Valid(read.Claims),
            TokenReadStatus.Expired when read.Claims!.Kind == expectedKind => new TokenValidation(null,
                new SessionError(SessionErrorCode.TokenExpired, $"This link expired on {read.ExpiresAt:u}; ask the researcher for a new one."), read.Claims),
            TokenReadStatus.Invalid when token is { Length: > 0 } && !ProtectedTokens.LooksLikeToken(token) =>
                TokenValidation.Invalid(SessionErrorCode.InvalidToken, "The link's token is missing or malformed."),
            _ => TokenValidation.Invalid(SessionErrorCode.InvalidToken, read.Status == TokenReadStatus.Invalid && read.Problem is { } problem ? problem : "This token is not valid for this purpose."),
        };
    }

    private string Issue(TokenClaims claims) => tokens.Protect(claims.Kind.ToString(), claims, claims.ExpiresAt);
}
