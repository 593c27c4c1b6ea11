using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Recordings;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Apis;

/// <summary>
/// Who may call the HTTP API: the study owner's token for everything of a study, and a session's moderator or
/// observer invite for that session's reads. A participant's invite opens nothing here: the API returns notes.
/// A view-only link opens its study's report and the clips the report links to (or the one clip, or the one
/// highlight reel, it was made for) and nothing else; whether it still works is decided here only, from its row.
/// </summary>
internal sealed class ApiAccess(TokenService tokens, ISessionEventStore log, IShareLinkStore shares, TimeProvider time) : IRecordingAccess
{
    public const string ShareOpensOnlyItsReport =
        "A view-only link opens the report and its clips, nothing else. Ask the study's owner for the link you need.";

    /// <summary>The problem code of a view-only link its owner revoked (410): the hub has no use for it.</summary>
    public const string LinkRevokedCode = "linkRevoked";

    public ProblemHttpResult? RequireStudyOwner(HttpContext http, string studyId) => RequireStudyOwner(BearerToken(http), studyId);

    /// <summary>Checks that <paramref name="token"/> is the owner's token of <paramref name="studyId"/>, wherever the caller sent it.</summary>
    public ProblemHttpResult? RequireStudyOwner(string? token, string studyId)
    {
        var owner = tokens.Validate(token, TokenKind.StudyOwner);
        if (owner.Error is { } error)
        {
            // A working session link is the wrong key here, not a broken one: 403, as a wrong role gets on session routes.
            if (tokens.Validate(token, TokenKind.SessionInvite).Claims is not null)
            {
                return ApiProblems.From(SessionErrorCode.Forbidden, "A session link does not open the study; use the study owner's link.");
            }
            return IsShareToken(token) ? ApiProblems.From(SessionErrorCode.Forbidden, ShareOpensOnlyItsReport) : ApiProblems.From(error);
        }
        return owner.Claims!.Scope == studyId
            ? null
            : ApiProblems.From(SessionErrorCode.Forbidden, "This token belongs to another study.");
    }

    /// <summary>
    /// Checks the caller may read the study's report: its owner, or a view-only link to that study's report.
    /// </summary>
    public async Task<ProblemHttpResult?> RequireReportReaderAsync(HttpContext http, string studyId, CancellationToken cancellationToken)
    {
        var token = BearerToken(http);
        if (!IsShareToken(token))
        {
            return RequireStudyOwner(token, studyId);
        }
        var check = await CheckShareAsync(token, cancellationToken);
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
    /// Whether a view-only link's token still works: signed by this server (else <c>invalidToken</c>), its row neither
    /// revoked (410 <c>linkRevoked</c>) nor missing, and not expired (<c>tokenExpired</c>). Revoked wins over expired:
    /// the owner turned the link off, so a genuine but expired token still has its row looked up.
    /// </summary>
    public async Task<ShareCheck> CheckShareAsync(string? token, CancellationToken cancellationToken)
    {
        var validation = tokens.Validate(token, TokenKind.ReportShare);
        if (validation.Error is { } error)
        {
            if (error.Code == SessionErrorCode.TokenExpired
                && validation.ExpiredClaims is { Subject: { } expiredShareId } expired
                && await shares.FindAsync(expiredShareId, cancellationToken) is { RevokedAt: not null } revokedLink
                && revokedLink.StudyId == expired.Scope)
            {
                return ShareCheck.Denied(Revoked(revokedLink.RevokedAt.Value));
            }
            return ShareCheck.Denied(error.Code == SessionErrorCode.TokenExpired
                ? ApiProblems.From(SessionErrorCode.TokenExpired, error.Message.Replace("ask the researcher", "ask whoever sent it", StringComparison.Ordinal))
                : ApiProblems.From(error));
        }
        var claims = validation.Claims!;
        if (claims.Subject is not { } shareId || await shares.FindAsync(shareId, cancellationToken) is not { } link || link.StudyId != claims.Scope)
        {
            return ShareCheck.Denied(ApiProblems.From(SessionErrorCode.InvalidToken, "This view-only link is not known to this server."));
        }
        if (link.RevokedAt is { } revokedAt)
        {
            return ShareCheck.Denied(Revoked(revokedAt));
        }
        return link.IsExpired(time.GetUtcNow())
            ? ShareCheck.Denied(ApiProblems.From(SessionErrorCode.TokenExpired, $"This link expired on {link.ExpiresAt:u}; ask whoever sent it for a new one."))
            : ShareCheck.Granted(link);

        static ProblemHttpResult Revoked(DateTimeOffset revokedAt) => ApiProblems.Create(StatusCodes.Status410Gone, LinkRevokedCode, "Link revoked",
            $"The study's owner turned this link off on {revokedAt:u}. Ask them for a new one.");
    }

    /// <summary>
    /// Checks the caller may act on the session (its study's owner, or a team invite with an allowed role), then loads it.
    /// An invite is checked before the session is looked up, so a link for one session cannot tell which others exist.
    /// </summary>
    public Task<SessionAccess> RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, CancellationToken cancellationToken) =>
        RequireSessionAsync(http, sessionId, observersAllowed, shareRead: null, cancellationToken);

    /// <summary>
    /// As the other overload; a view-only link is let through only for <paramref name="shareRead"/>, the clip or reel a
    /// shared report may play, and only in its own study.
    /// </summary>
    public async Task<SessionAccess> RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        var token = BearerToken(http);
        if (IsShareToken(token))
        {
            return await RequireSharedSessionAsync(token, sessionId, shareRead, cancellationToken);
        }
        var owner = tokens.Validate(token, TokenKind.StudyOwner);
        var invite = owner.Claims is null ? tokens.Validate(token, TokenKind.SessionInvite) : null;
        if (owner.Claims is null && invite!.Claims is null)
        {
            return SessionAccess.Denied(ApiProblems.From(invite.Error!.Code == SessionErrorCode.TokenExpired ? invite.Error : owner.Error!));
        }
        if (invite?.Claims is { } claims)
        {
            var allowed = claims.Role == SessionRole.Moderator || (observersAllowed && claims.Role == SessionRole.Observer);
            if (claims.Scope != sessionId || !allowed)
            {
                return SessionAccess.Denied(ApiProblems.From(SessionErrorCode.Forbidden, "This link does not give access to that."));
            }
        }
        if (string.IsNullOrWhiteSpace(sessionId) || await log.LoadStateAsync(sessionId, cancellationToken) is not { } state)
        {
            return SessionAccess.Denied(ApiProblems.From(SessionErrorCode.SessionNotFound, $"Session '{sessionId}' does not exist."));
        }
        if (owner.Claims is { } o)
        {
            return o.Scope == state.StudyId
                ? SessionAccess.Granted(state, new Actor("owner", "Research team", SessionRole.Moderator))
                : SessionAccess.Denied(ApiProblems.From(SessionErrorCode.Forbidden, "This token belongs to another study."));
        }
        return SessionAccess.Granted(state, new Actor("moderator", state.ModeratorName, SessionRole.Moderator));
    }

    async Task<RecordingAccess> IRecordingAccess.RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        var granted = await RequireSessionAsync(http, sessionId, observersAllowed, shareRead, cancellationToken);
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

    /// <summary>Whoever holds a view-only link; they only read.</summary>
    private static readonly Actor Viewer = new("viewer", "View-only link", SessionRole.Observer);

    /// <summary>A token this server signed as a view-only link, working or expired: the right kind for the report, the wrong kind elsewhere.</summary>
    private bool IsShareToken(string? token)
    {
        var validation = tokens.Validate(token, TokenKind.ReportShare);
        return validation.Claims is not null || validation.Error?.Code == SessionErrorCode.TokenExpired;
    }

    public static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
