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
        var problem = context.Request.Path.StartsWithSegments(Hubs.SessionHub.Path) ? HubRefusal(context) : ApiAccess.NotAMember(context);
        await problem.ExecuteAsync(context);
    }

    /// <summary>The session hub opens only with a session invite; say which part is missing.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult HubRefusal(HttpContext context) =>
        context.Items[LinkAuthenticationHandler.FailureKey] as Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult
        ?? (LinkAuthenticationHandler.LinkOf(context.User) is null && context.User.MemberId() is null
            ? ApiProblems.From(Sessions.SessionErrorCode.InvalidToken,
                $"Open the session through its invite link: the connection to {Hubs.SessionHub.Path} carries the link's token as ?{Hubs.SessionHub.InviteParameter}=….")
            : ApiProblems.From(Sessions.SessionErrorCode.Forbidden, "Only a session invite link opens a live session; a sign-in or a view-only link does not."));
}
