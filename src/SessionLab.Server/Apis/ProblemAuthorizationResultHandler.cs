using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using SessionLab.Accounts;

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
        var problem = context.Items[LinkAuthenticationHandler.FailureKey] is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult linkFailure
            ? linkFailure
            : LinkAuthenticationHandler.LinkOf(context.User) is not null
                ? ApiProblems.Create(StatusCodes.Status403Forbidden, "forbidden", "Not allowed for this role",
                    "A session or view-only link does not open this; sign in as a member of the study's workspace.")
                : ApiProblems.Create(StatusCodes.Status401Unauthorized, AccountProblems.SignInRequired, "Sign in required",
                    "Sign in to your SessionLab account first.");
        await problem.ExecuteAsync(context);
    }
}
