using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Accounts;
using SessionLab.Accounts.Workspaces;
using SessionLab.Recordings;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Apis;

/// <summary>
/// The resource checks, in one place, after a route's policy let the caller in. A member reaches a study, its sessions,
/// report and clips when the study belongs to one of their workspaces, with the role the route needs; a study in another
/// workspace answers as one that does not exist. A session link (moderator or observer) reaches its own session's
/// reads; a participant's link opens nothing here, as the API returns notes. A view-only link opens its study's report
/// and the clips the report links to (or the one clip, or the one highlight reel, it was made for) and nothing else;
/// whether it still works is decided here only, from its row.
/// </summary>
internal sealed class ApiAccess(TokenService tokens, ISessionEventStore log, IShareLinkStore shares, WorkspaceDirectory workspaces, TimeProvider time) : IRecordingAccess
{
    public const string ShareOpensOnlyItsReport =
        "A view-only link opens the report and its clips, nothing else. Ask the study's team for the link you need.";

    /// <summary>Where a granted recordings request keeps the session's name for its caller, for the audit log.</summary>
    public const string GrantedActorKey = "sessionlab.grantedActor";

    /// <summary>The problem code of a view-only link its owner revoked (410): the hub has no use for it.</summary>
    public const string LinkRevokedCode = "linkRevoked";

    /// <summary>Checks the caller is a member of the study's workspace with at least <paramref name="least"/>.</summary>
    public async Task<ProblemHttpResult?> RequireStudyAsync(HttpContext http, string studyId, WorkspaceRole least, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return NotAMember(http);
        }
        var role = await RoleInStudyAsync(memberId, studyId, cancellationToken);
        if (role is null)
        {
            return ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist, or is in a workspace you are not a member of.");
        }
        return role < least ? RoleTooLow(least, role.Value) : null;
    }

    /// <summary>Checks the caller may read the study's report: a member of its workspace, or a view-only link to that study's report.</summary>
    public async Task<ProblemHttpResult?> RequireReportReaderAsync(HttpContext http, string studyId, CancellationToken cancellationToken)
    {
        if (LinkAuthenticationHandler.LinkOf(http.User) is not { Kind: TokenKind.ReportShare })
        {
            return await RequireStudyAsync(http, studyId, WorkspaceRole.Viewer, cancellationToken);
        }
        var check = await CheckShareAsync(BearerToken(http), cancellationToken);
        if (check.Problem is { } problem)
        {
            return problem;
        }
        var link = check.Link!;
        if (link.StudyId != studyId)
        {
            return ApiProblems.From(SessionErrorCode.Forbidden, "This view-only link opens another study's report.");
        }
        return link.Scope == ShareScope.Report
            ? null
            : ApiProblems.From(SessionErrorCode.Forbidden, $"This view-only link opens one {(link.Scope == ShareScope.Clip ? "clip" : "highlight reel")}, not the whole report.");
    }

    /// <summary>
    /// Whether a view-only link's token still works: issued by this server (else <c>invalidToken</c>), its row neither
    /// revoked (410 <c>linkRevoked</c>, which wins over expiry) nor missing, and not expired (<c>tokenExpired</c>).
    /// </summary>
    public async Task<ShareCheck> CheckShareAsync(string? token, CancellationToken cancellationToken)
    {
        var validation = tokens.Validate(token, TokenKind.ReportShare);
        if ((validation.Claims ?? validation.ExpiredClaims) is not { } claims)
        {
            return ShareCheck.Denied(ApiProblems.From(validation.Error!));
        }
        if (claims.Subject is not { } shareId || await shares.FindAsync(shareId, cancellationToken) is not { } link || link.StudyId != claims.Scope)
        {
            return ShareCheck.Denied(validation.Error is { } expired
                ? ApiProblems.From(expired)
                : ApiProblems.From(SessionErrorCode.InvalidToken, "This view-only link is not known to this server."));
        }
        if (link.RevokedAt is { } revokedAt)
        {
            return ShareCheck.Denied(ApiProblems.Create(StatusCodes.Status410Gone, LinkRevokedCode, "Link revoked",
                $"The study's team turned this link off on {revokedAt:u}. Ask them for a new one."));
        }
        return validation.Claims is null || link.IsExpired(time.GetUtcNow())
            ? ShareCheck.Denied(ApiProblems.From(SessionErrorCode.TokenExpired, $"This link expired on {link.ExpiresAt:u}; ask whoever sent it for a new one."))
            : ShareCheck.Granted(link);
    }

    /// <summary>
    /// Checks the caller may act on the session, then loads it: a member of its study's workspace (a viewer for reads,
    /// a researcher for changes), or a team invite with an allowed role. An invite is checked before the session is
    /// looked up, so a link for one session cannot tell which others exist.
    /// </summary>
    public Task<SessionAccess> RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, CancellationToken cancellationToken) =>
        RequireSessionAsync(http, sessionId, observersAllowed, shareRead: null, cancellationToken);

    /// <summary>
    /// As the other overload; a view-only link is let through only for <paramref name="shareRead"/>, the clip or reel a
    /// shared report may play, and only in its own study.
    /// </summary>
    public async Task<SessionAccess> RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        var link = LinkAuthenticationHandler.LinkOf(http.User);
        if (link is { Kind: TokenKind.ReportShare })
        {
            return await RequireSharedSessionAsync(BearerToken(http), sessionId, shareRead, cancellationToken);
        }
        var memberId = http.User.MemberId();
        if (link is null && memberId is null)
        {
            return SessionAccess.Denied(NotAMember(http));
        }
        if (link is { Kind: TokenKind.SessionInvite })
        {
            var allowed = link.Role == SessionRole.Moderator || (observersAllowed && link.Role == SessionRole.Observer);
            if (link.Scope != sessionId || !allowed)
            {
                return SessionAccess.Denied(ApiProblems.From(SessionErrorCode.Forbidden, "This link does not give access to that."));
            }
        }
        if (string.IsNullOrWhiteSpace(sessionId) || await log.LoadStateAsync(sessionId, cancellationToken) is not { } state)
        {
            return SessionAccess.Denied(SessionNotFound(sessionId));
        }
        if (memberId is not null)
        {
            var least = observersAllowed ? WorkspaceRole.Viewer : WorkspaceRole.Researcher;
            var role = await RoleInStudyAsync(memberId, state.StudyId, cancellationToken);
            if (role is null)
            {
                return SessionAccess.Denied(SessionNotFound(sessionId));
            }
            return role < least
                ? SessionAccess.Denied(RoleTooLow(least, role.Value))
                : SessionAccess.Granted(state, new Actor(memberId, http.User.AuditActor().Name, SessionRole.Moderator));
        }
        return SessionAccess.Granted(state, new Actor("moderator", state.ModeratorName, SessionRole.Moderator));
    }

    async Task<RecordingAccess> IRecordingAccess.RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        var granted = await RequireSessionAsync(http, sessionId, observersAllowed, shareRead, cancellationToken);
        // The audit log names a session link's holder as the session knows them (the moderator's name).
        http.Items[GrantedActorKey] = granted.Actor;
        return new RecordingAccess(granted.State, granted.Actor, granted.Problem);
    }

    private async Task<SessionAccess> RequireSharedSessionAsync(string? token, string sessionId, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        if (shareRead is null)
        {
            return SessionAccess.Denied(ApiProblems.From(SessionErrorCode.Forbidden, ShareOpensOnlyItsReport));
        }
        var check = await CheckShareAsync(token, cancellationToken);
        if (check.Problem is { } problem)
        {
            return SessionAccess.Denied(problem);
        }
        var link = check.Link!;
        var opens = link.Scope switch
        {
            ShareScope.Report => true,
            ShareScope.Clip => link.SessionId == sessionId && shareRead.NoteId is { } noteId && link.NoteId == noteId,
            ShareScope.Highlights => link.SessionId == sessionId && shareRead.Tag is { } tag && string.Equals(tag.TrimStart('#'), link.Tag, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        // Another study's session is refused the same way whether it exists or not.
        if (!opens || string.IsNullOrWhiteSpace(sessionId) || await log.LoadStateAsync(sessionId, cancellationToken) is not { } state || state.StudyId != link.StudyId)
        {
            return SessionAccess.Denied(ApiProblems.From(SessionErrorCode.Forbidden, link.Scope == ShareScope.Report
                ? "This view-only link opens the clips of its own study's report only."
                : $"This view-only link opens one {(link.Scope == ShareScope.Clip ? "clip" : "highlight reel")}, nothing else."));
        }
        return SessionAccess.Granted(state, Viewer);
    }

    private async Task<WorkspaceRole?> RoleInStudyAsync(string memberId, string studyId, CancellationToken cancellationToken) =>
        await workspaces.WorkspaceOfStudyAsync(studyId, cancellationToken) is { } workspaceId
            ? await workspaces.RoleOfAsync(workspaceId, memberId, cancellationToken)
            : null;

    /// <summary>Why a caller who is not signed in as a member is refused a team route: which link they hold, or that they hold none.</summary>
    public static ProblemHttpResult NotAMember(HttpContext http) => LinkAuthenticationHandler.LinkOf(http.User) switch
    {
        { Kind: TokenKind.ReportShare } => ApiProblems.From(SessionErrorCode.Forbidden, ShareOpensOnlyItsReport),
        { } => ApiProblems.From(SessionErrorCode.Forbidden, "A session link does not open the study; sign in as a member of its workspace."),
        null => http.Items[LinkAuthenticationHandler.FailureKey] as ProblemHttpResult
            ?? (BearerToken(http) is not null
                // A bearer token that is neither a working sign-in nor a link: stale, cut short, or made up.
                ? ApiProblems.From(SessionErrorCode.InvalidToken, "The token sent is not valid here: sign in again, or check you copied the whole link.")
                : ApiProblems.Create(StatusCodes.Status401Unauthorized, AccountProblems.SignInRequired, "Sign in required", "Sign in to your SessionLab account first.")),
    };

    private static ProblemHttpResult RoleTooLow(WorkspaceRole least, WorkspaceRole role) =>
        ApiProblems.From(SessionErrorCode.Forbidden, $"This needs the {least.ToString().ToLowerInvariant()} role in the study's workspace; you are a {role.ToString().ToLowerInvariant()}.");

    private static ProblemHttpResult SessionNotFound(string sessionId) =>
        ApiProblems.From(SessionErrorCode.SessionNotFound, $"Session '{sessionId}' does not exist.");

    /// <summary>Whoever holds a view-only link; they only read.</summary>
    private static readonly Actor Viewer = new("viewer", "View-only link", SessionRole.Observer);

    public static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
