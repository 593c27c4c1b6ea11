using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Recordings;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Apis;

/// <summary>
/// Who may call the HTTP API: the study owner's token for everything of a study, and a session's moderator or
/// observer invite for that session's reads. A participant's invite opens nothing here: the API returns notes.
/// </summary>
internal sealed class ApiAccess(TokenService tokens, ISessionEventStore log) : IRecordingAccess
{
    public ProblemHttpResult? RequireStudyOwner(HttpContext http, string studyId) => RequireStudyOwner(BearerToken(http), studyId);

    /// <summary>Checks that <paramref name="token"/> is the owner's token of <paramref name="studyId"/>, wherever the caller sent it.</summary>
    public ProblemHttpResult? RequireStudyOwner(string? token, string studyId)
    {
        var owner = tokens.Validate(token, TokenKind.StudyOwner);
        if (owner.Error is { } error)
        {
            // A working session link is the wrong key here, not a broken one: 403, as a wrong role gets on session routes.
            return tokens.Validate(token, TokenKind.SessionInvite).Claims is not null
                ? ApiProblems.From(SessionErrorCode.Forbidden, "A session link does not open the study; use the study owner's link.")
                : ApiProblems.From(error);
        }
        return owner.Claims!.Scope == studyId
            ? null
            : ApiProblems.From(SessionErrorCode.Forbidden, "This token belongs to another study.");
    }

    /// <summary>
    /// Checks the caller may act on the session (its study's owner, or a team invite with an allowed role), then loads it.
    /// An invite is checked before the session is looked up, so a link for one session cannot tell which others exist.
    /// </summary>
    public async Task<SessionAccess> RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, CancellationToken cancellationToken)
    {
        var token = BearerToken(http);
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

    async Task<RecordingAccess> IRecordingAccess.RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, CancellationToken cancellationToken)
    {
        var granted = await RequireSessionAsync(http, sessionId, observersAllowed, cancellationToken);
        return new RecordingAccess(granted.State, granted.Actor, granted.Problem);
    }

    public static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
