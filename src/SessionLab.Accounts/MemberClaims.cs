using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Workspaces;

namespace SessionLab.Accounts;

/// <summary>What a signed-in member's principal carries besides Identity's own claims: the name they go by.</summary>
public static class MemberClaims
{
    public const string DisplayName = "sessionlab:name";

    /// <summary>
    /// The member's id, when the caller signed in as a member (cookie or bearer), not with a link. A hub connection can
    /// carry both at once (its session link and the member's sign-in), so the link's identity is looked past.
    /// </summary>
    public static string? MemberId(this ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i is { IsAuthenticated: true, AuthenticationType: not AccountsAuthentication.LinkScheme })?.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    public static AuditActor AuditActor(this ClaimsPrincipal user) =>
        new(user.MemberId() ?? "", user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "");
}

internal sealed class MemberClaimsPrincipalFactory(UserManager<Member> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Member>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MemberClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
