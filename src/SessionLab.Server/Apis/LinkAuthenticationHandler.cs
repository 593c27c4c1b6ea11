using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SessionLab.Accounts;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>
/// The link scheme: a session invite or a view-only link sent as a bearer token. Whoever holds one is let in as what
/// it says (this session in this role; this study's shared report) and nothing more; the resource checks in
/// <see cref="ApiAccess"/> read the claims. An expired or damaged token fails with its own code, so the answer can
/// say which.
/// </summary>
internal sealed class LinkAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens, ApiAccess access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string KindClaim = "sessionlab:link-kind";
    public const string ScopeClaim = "sessionlab:link-scope";
    public const string RoleClaim = "sessionlab:link-role";
    public const string SubjectClaim = "sessionlab:link-subject";

    /// <summary>Where a failed link's error is left for the authorization result handler.</summary>
    public const string FailureKey = "sessionlab.link-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ApiAccess.BearerToken(Context);
        TokenValidation? failed = null;
        foreach (var kind in (TokenKind[])[TokenKind.SessionInvite, TokenKind.ReportShare])
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

    /// <summary>The link a caller authenticated with, if any: its kind, scope (session or study id), role and subject.</summary>
    public static LinkClaims? LinkOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: AccountsAuthentication.LinkScheme }
        && Enum.TryParse<TokenKind>(user.FindFirstValue(KindClaim), out var kind)
            ? new LinkClaims(kind, user.FindFirstValue(ScopeClaim)!, Enum.TryParse<SessionRole>(user.FindFirstValue(RoleClaim), out var role) ? role : null,
                user.FindFirstValue(SubjectClaim) is { Length: > 0 } subject ? subject : null)
            : null;
}

internal sealed record LinkClaims(TokenKind Kind, string Scope, SessionRole? Role, string? Subject);
