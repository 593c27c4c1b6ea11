using System.Security.Claims;
using SessionLab.Accounts;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Workspaces;
using SessionLab.Recordings;
using SessionLab.Server.Apis;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Workspaces;

/// <summary>
/// Writes what happened to a study into the audit log of the study's workspace, naming who did it the way its owners
/// know them: the signed-in member, or the link a person used (a moderator's session link with the name they go by).
/// Also the recordings feature's <see cref="IActivityLog"/>.
/// </summary>
public sealed class AuditTrail(AuditLog audit, WorkspaceDirectory workspaces) : IActivityLog
{
    public Task RecordAsync(HttpContext http, string studyId, string action, string target, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(ActorOf(http.User, (http.Items[ApiAccess.GrantedActorKey] as Actor)?.DisplayName), studyId, action, target, detail, cancellationToken);

    public async Task RecordAsync(AuditActor actor, string studyId, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        // A study placed in no workspace has no owners to read about it.
        if (await workspaces.WorkspaceOfStudyAsync(studyId, cancellationToken) is { } workspaceId)
        {
            await audit.RecordAsync(workspaceId, actor, action, target, detail, cancellationToken);
        }
    }

    /// <summary>The signed-in member, or the link the caller holds (with <paramref name="linkHolderName"/>, the name they go by, when known).</summary>
    public static AuditActor ActorOf(ClaimsPrincipal? user, string? linkHolderName)
    {
        if (user?.MemberId() is not null)
        {
            return user.AuditActor();
        }
        var link = user is null ? null : LinkAuthenticationHandler.LinkOf(user);
        if (link is { Kind: TokenKind.ReportShare })
        {
            return new AuditActor("", "View-only link");
        }
        // Only a session link for moderating or observing acts on a study; a moderator's is the likelier.
        var linkName = link is { Role: SessionRole.Observer } ? "observer link" : "moderator link";
        return new AuditActor("", string.IsNullOrWhiteSpace(linkHolderName)
            ? char.ToUpperInvariant(linkName[0]) + linkName[1..]
            : $"{linkHolderName.Trim()} ({linkName})");
    }
}
