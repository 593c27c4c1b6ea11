using SessionLab.Accounts;

namespace SessionLab.Accounts.Workspaces;

/// <summary>The role a route needs in the workspace its path names, checked before the handler runs.</summary>
public static class WorkspaceAccess
{
    public static RouteHandlerBuilder RequireWorkspaceRole(this RouteHandlerBuilder route, WorkspaceRole least) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var workspaceId = http.GetRouteValue("workspaceId") as string ?? "";
            var role = http.User.MemberId() is { } memberId
                ? await http.RequestServices.GetRequiredService<WorkspaceDirectory>().RoleOfAsync(workspaceId, memberId, http.RequestAborted)
                : null;
            if (role is null)
            {
                // Someone else's workspace answers as one that does not exist: its id tells nothing.
                return AccountProblems.Create(StatusCodes.Status404NotFound, AccountProblems.WorkspaceNotFound, "Workspace not found",
                    $"Workspace '{workspaceId}' does not exist, or you are not a member of it.");
            }
            return role < least
                ? AccountProblems.NotAllowed($"This needs the {AccountsApi.Name(least)} role in the workspace; you are a {AccountsApi.Name(role.Value)}.")
                : await next(context);
        });
}
