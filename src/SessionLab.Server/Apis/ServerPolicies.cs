using SessionLab.Accounts;

namespace SessionLab.Server.Apis;

/// <summary>The authorization policies the route groups carry, besides the accounts' own member policy.</summary>
public static class ServerPolicies
{
    /// <summary>A member, or the holder of a working session or view-only link; which of them may do what is a resource check (<see cref="ApiAccess"/>).</summary>
    public const string Caller = "caller";

    /// <summary>
    /// The session hub: a working session invite, sent with the connection. A signed-in member's cookie or bearer
    /// token is read as well, so the member joins under their account; on its own it opens no session.
    /// </summary>
    public const string SessionInvite = "sessionInvite";

    public static IServiceCollection AddServerPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Caller, p => p.AddAuthenticationSchemes(AccountsAuthentication.Scheme).RequireAuthenticatedUser())
            .AddPolicy(SessionInvite, p => p.AddAuthenticationSchemes(AccountsAuthentication.LinkScheme, AccountsAuthentication.Scheme)
                .RequireAssertion(c => LinkAuthenticationHandler.LinkOf(c.User) is { Kind: Invitations.TokenKind.SessionInvite }));
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LinkAuthenticationHandler>(AccountsAuthentication.LinkScheme, null);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }
}
