using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Accounts;
using SessionLab.Server.Invitations;
using SessionLab.Server.Workspaces;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Apis;

public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions").WithTags("Sessions").RequireAuthorization(ServerPolicies.Caller);
        api.MapGet("/{sessionId}", GetSessionAsync);
        api.MapGet("/{sessionId}/events", GetEventsAsync);
        api.MapGet("/{sessionId}/study", GetStudyAsync);
        api.MapPost("/{sessionId}/invites", CreateInviteAsync).RequireAuthorization(AccountsAuthentication.MemberPolicy).RequireRateLimiting(AccountsAuthentication.InviteMintingLimit);
        api.MapPost("/{sessionId}/end", EndSessionAsync);
        return api;
    }

    internal static async Task<Results<Ok<SessionState>, ProblemHttpResult>> GetSessionAsync(
        string sessionId, ApiAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: true, cancellationToken);
        return granted.Problem is { } denied ? denied : TypedResults.Ok(granted.State!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<SessionEventEnvelope>>, ProblemHttpResult>> GetEventsAsync(
        string sessionId, long? after, ApiAccess access, ISessionEventStore log, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: true, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        if (after is < 0)
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, "'after' must be 0 or more.");
        }
        return TypedResults.Ok(await log.ReadAsync(sessionId, after ?? 0, cancellationToken));
    }

    /// <summary>
    /// The session's study as the session runs it (the version it started with), for its team: a moderator or observer whose link no longer joins (the session ended) still
    /// needs the task titles and tag palette to read the session summary. Participants are refused like everywhere here.
    /// </summary>
    internal static async Task<Results<Ok<Study>, ProblemHttpResult>> GetStudyAsync(
        string sessionId, ApiAccess access, IStudyStore studies, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: true, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        var study = await studies.GetForSessionAsync(granted.State!, cancellationToken);
        return study is null ? ApiProblems.From(SessionErrorCode.StudyNotFound, "The session's study no longer exists.") : TypedResults.Ok(study);
    }

    internal static async Task<Results<Created<Invite>, ProblemHttpResult>> CreateInviteAsync(
        string sessionId, CreateInviteRequest? request, ApiAccess access, TokenService tokens, HttpContext http, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: false, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        if (request?.Role is not { } role || !Enum.IsDefined(role))
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, "Name the role: moderator, observer or participant.");
        }
        if (granted.State!.Status == SessionStatus.Ended)
        {
            return ApiProblems.From(SessionErrorCode.SessionEnded, "The session has ended; it takes no new invites.");
        }
        // Checked as hours before it becomes a TimeSpan, which would overflow for the largest ints.
        var maxHours = tokens.Options.MaxInviteLifetime.TotalHours;
        if (request.ExpiresInHours is < 1 || request.ExpiresInHours > maxHours)
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, $"expiresInHours must be between 1 and {maxHours:0}.");
        }
        var lifetime = request.ExpiresInHours is { } hours ? TimeSpan.FromHours(hours) : tokens.Options.InviteLifetime;
        var token = tokens.IssueInvite(sessionId, role, lifetime, out var expiresAt);
        var url = AppLinks.Join(AppLinks.BaseUrl(http.Request, configuration), token);
        return TypedResults.Created(url, new Invite(role, token, url, expiresAt));
    }

    internal static async Task<Results<Ok<SessionSummary>, ProblemHttpResult>> EndSessionAsync(
        string sessionId, ApiAccess access, IGrainFactory grains, AuditTrail audit, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: false, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var result = await grain.EndSessionAsync(granted.Actor!, new EndSessionRequest(Guid.NewGuid()), cancellationToken);
        if (result.Error is { } error)
        {
            return ApiProblems.From(error);
        }
        var state = (await grain.GetStateAsync(cancellationToken))!;
        await audit.RecordAsync(AuditTrail.ActorOf(http.User, granted.Actor!.DisplayName), state.StudyId, "session.ended",
            SessionTarget(state), null, CancellationToken.None);
        return TypedResults.Ok(SessionSummary.From(state));
    }

    /// <summary>A session as the audit log names it: its participant and id.</summary>
    internal static string SessionTarget(SessionState state) =>
        string.IsNullOrWhiteSpace(state.ParticipantAlias) ? $"Session {state.SessionId}" : $"Session {state.SessionId} with {state.ParticipantAlias}";
}
