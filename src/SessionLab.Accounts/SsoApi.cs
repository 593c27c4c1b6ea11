using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Workspaces;

namespace SessionLab.Accounts;

/// <summary>Whether the sign-in page offers single sign-on, and the provider's name for its button.</summary>
public sealed record SsoStatus(bool Enabled, string? DisplayName);

/// <summary>
/// Single sign-on through the OpenID Connect provider in Accounts:Oidc. It signs in existing members only: a first
/// sign-in is linked to the member whose e-mail address the provider has verified, and anyone else is sent back to
/// the sign-in page, because nobody joins a workspace without an invitation.
/// </summary>
public static class SsoApi
{
    public const string SsoNotConfigured = "ssoNotConfigured";

    public static void MapSsoApi(this RouteGroupBuilder account)
    {
        var sso = account.MapGroup("/sso");
        sso.MapGet("/", GetStatus);
        sso.MapGet("/start", StartAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        sso.MapGet("/finish", FinishAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
    }

    internal static Ok<SsoStatus> GetStatus(IOptions<AccountsOptions> accounts)
    {
        var oidc = accounts.Value.Oidc;
        return TypedResults.Ok(oidc.Enabled ? new SsoStatus(true, oidc.Name) : new SsoStatus(false, null));
    }

    /// <summary>Off to the provider; it comes back through the handler's /signin-oidc to <see cref="FinishAsync"/>.</summary>
    internal static async Task<Results<ChallengeHttpResult, ProblemHttpResult>> StartAsync(
        string? next, IAuthenticationSchemeProvider schemes, SignInManager<Member> signIn)
    {
        if (await schemes.GetSchemeAsync(AccountsAuthentication.OidcScheme) is null)
        {
            return NotConfigured();
        }
        var finish = "/api/account/sso/finish?next=" + Uri.EscapeDataString(SafeNext(next));
        var properties = signIn.ConfigureExternalAuthenticationProperties(AccountsAuthentication.OidcScheme, finish);
        return TypedResults.Challenge(properties, [AccountsAuthentication.OidcScheme]);
    }

    /// <summary>The provider said who this is: sign in the member it belongs to, or send them back with the reason.</summary>
    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> FinishAsync(
        string? next, HttpContext http, IAuthenticationSchemeProvider schemes, SignInManager<Member> signIn, UserManager<Member> users,
        WorkspaceDirectory workspaces, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await schemes.GetSchemeAsync(AccountsAuthentication.OidcScheme) is null)
        {
            return NotConfigured();
        }
        var info = await signIn.GetExternalLoginInfoAsync();
        // The provider's answer has done its work once read: never leave it behind.
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (info is null)
        {
            return Back("failed");
        }
        var member = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        var linking = member is null;
        var email = VerifiedEmail(info.Principal);
        if (member is null && email is not null)
        {
            member = await users.FindByEmailAsync(email);
        }
        if (member is null)
        {
            return Back("no-account", email);
        }
        if (await users.IsLockedOutAsync(member))
        {
            return Back("locked-out");
        }
        if (!await signIn.CanSignInAsync(member))
        {
            return Back("failed");
        }
        if (linking)
        {
            var linked = await users.AddLoginAsync(member, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName));
            if (!linked.Succeeded)
            {
                return Back("failed");
            }
            await PasskeysApi.RecordAsync(member, workspaces, audit, "account.sso-linked", info.ProviderDisplayName ?? info.LoginProvider, cancellationToken);
        }
        await signIn.SignInAsync(member, isPersistent: true, authenticationMethod: info.LoginProvider);
        return TypedResults.LocalRedirect(SafeNext(next));
    }

    /// <summary>The provider's e-mail address, if it says the address is verified (or says nothing either way).</summary>
    private static string? VerifiedEmail(ClaimsPrincipal principal)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
        var verified = principal.FindFirstValue("email_verified");
        return verified is null || string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase) ? email.Trim() : null;
    }

    /// <summary>A path on this site to go on to, never another origin.</summary>
    internal static string SafeNext(string? next) =>
        next is { Length: > 0 } && next[0] == '/' && !next.StartsWith("//", StringComparison.Ordinal) && !next.StartsWith("/\\", StringComparison.Ordinal)
            && !next.Any(char.IsControl) ? next : "/";

    private static RedirectHttpResult Back(string reason, string? email = null) =>
        TypedResults.LocalRedirect($"/sign-in?sso={reason}" + (email is null ? "" : "&email=" + Uri.EscapeDataString(email)));

    private static ProblemHttpResult NotConfigured() =>
        AccountProblems.Create(StatusCodes.Status404NotFound, SsoNotConfigured, "Single sign-on is off",
            "This server has no single sign-on provider; sign in with your password or a passkey.");
}
