using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SessionLab.Server.Apis;

/// <summary>
/// A route's policy refused the caller: answer with a problem that says why (sign in; the link expired; the link is
/// damaged; a link does not open this), instead of the cookie handler's redirect or a bare status.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        await ApiAccess.NotAMember(context).ExecuteAsync(context);
    }
}
