using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionLab.Accounts;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>
/// The link scheme: a session invite or a view-only link sent as a bearer token, or, for the session hub, as its
/// <c>invite</c> query parameter (a browser cannot set headers on a WebSocket, and the Authorization header stays free
/// for a member's own sign-in). Whoever holds one is let in as what it says (this session in this role; this study's
/// shared report) and nothing more; the resource checks in <see cref="ApiAccess"/> and the session grain read the
/// claims. An expired or damaged token fails with its own code, so the answer can say which.
/// </summary>
internal sealed class LinkAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens, ApiAccess access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string KindClaim = "sessionlab:link-kind";
    public const string ScopeClaim = "sessionlab:link-scope";
    public const string RoleClaim = "sessionlab:link-role";
    public const string SubjectClaim = "sessionlab:link-subject";
    public const string IdClaim = "sessionlab:link-id";

    /// <summary>Where a failed link's error is left for the authorization result handler.</summary>
    public const string FailureKey = "sessionlab.link-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var hub = Context.Request.Path.StartsWithSegments(Hubs.SessionHub.Path);
        var token = hub ? Context.Request.Query[Hubs.SessionHub.InviteParameter].ToString() : ApiAccess.BearerToken(Context);
        if (hub && string.IsNullOrEmpty(token))
        {
            // No link at all: the hub's policy answers that one is needed (a member's sign-in alone opens no session).
            return AuthenticateResult.NoResult();
        }
        TokenValidation? failed = null;
        // The hub opens with a session invite only; anything else sent there is the wrong kind of token.
        foreach (var kind in hub ? (TokenKind[])[TokenKind.SessionInvite] : [TokenKind.SessionInvite, TokenKind.ReportShare])
        {
            var validation = tokens.Validate(token, kind);
            if (validation.Claims is { } claims)
            {
                var identity = new ClaimsIdentity(
                    [
                        new Claim(KindClaim, kind.ToString()),
                        new Claim(ScopeClaim, claims.Scope),
                        new Claim(RoleClaim, claims.Role?.ToString() ?? ""),
                        new Claim(SubjectClaim, claims.Subject ?? ""),
                        new Claim(IdClaim, LinkId(token!)),
                    ], AccountsAuthentication.LinkScheme);
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
            }
            if (validation.ExpiredClaims is not null || failed is null)
            {
                failed = validation;
            }
        }
        // An expired view-only link its owner also turned off is reported as turned off: that is what its holder needs to hear.
        Context.Items[FailureKey] = failed!.ExpiredClaims?.Kind == TokenKind.ReportShare
            ? (await access.CheckShareAsync(token, Context.RequestAborted)).Problem!
            : ApiProblems.From(failed.Error!);
        return AuthenticateResult.Fail(failed.Error!.Message);
    }

    /// <summary>
    /// The link a caller authenticated with, if any: its kind, scope (session or study id), role and subject. A hub
    /// connection may also carry the member's own sign-in beside it.
    /// </summary>
    public static LinkClaims? LinkOf(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i is { IsAuthenticated: true, AuthenticationType: AccountsAuthentication.LinkScheme }) is { } link
        && Enum.TryParse<TokenKind>(link.FindFirst(KindClaim)?.Value, out var kind)
            ? new LinkClaims(kind, link.FindFirst(ScopeClaim)!.Value, Enum.TryParse<SessionRole>(link.FindFirst(RoleClaim)?.Value, out var role) ? role : null,
                link.FindFirst(SubjectClaim)?.Value is { Length: > 0 } subject ? subject : null, link.FindFirst(IdClaim)?.Value ?? "")
            : null;

    /// <summary>Names a link without carrying it: the session grain counts connections per invite link.</summary>
    private static string LinkId(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}

internal sealed record LinkClaims(TokenKind Kind, string Scope, SessionRole? Role, string? Subject, string Id);
