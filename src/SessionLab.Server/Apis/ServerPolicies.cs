using SessionLab.Accounts;

namespace SessionLab.Server.Apis;

/// <summary>The authorization policies the route groups carry, besides the accounts' own member policy.</summary>
public static class ServerPolicies
{
    /// <summary>A member, or the holder of a working session or view-only link; which of them may do what is a resource check (<see cref="ApiAccess"/>).</summary>
    public const string Caller = "caller";

    public static IServiceCollection AddServerPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Caller, p => p.AddAuthenticationSchemes(AccountsAuthentication.Scheme).RequireAuthenticatedUser());
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LinkAuthenticationHandler>(AccountsAuthentication.LinkScheme, null);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }
}
