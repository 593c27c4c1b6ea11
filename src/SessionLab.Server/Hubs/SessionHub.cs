using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SessionLab.Accounts;
using SessionLab.Server.Apis;
using SessionLab.Server.Invitations;
using SessionLab.Server.Workspaces;
using SessionLab.Sessions;
using SessionLab.Sessions.Grains;

namespace SessionLab.Server.Hubs;

/// <summary>
/// The live session hub at <c>/hubs/session?invite=…</c>. Only a connection opened with a working session invite gets
/// in (the <see cref="ServerPolicies.SessionInvite"/> policy); it joins that session in the role the link grants, and
/// every call after that acts as that identity and role, with the session grain enforcing what each role may do.
/// Every method answers with a typed result, so a refused call leaves the connection usable.
/// </summary>
[Authorize(Policy = ServerPolicies.SessionInvite)]
public sealed partial class SessionHub(
    IGrainFactory grains,
    SessionRelay relay,
    TokenService tokens,
    IOptions<SessionGrainOptions> limits,
    AuditTrail audit,
    ILogger<SessionHub> logger) : Hub<ISessionClient>
{
    public const string Path = "/hubs/session";

    /// <summary>The query parameter that carries the session invite link's token.</summary>
    public const string InviteParameter = "invite";

    private const string MembershipKey = "sessionlab.membership";

    public async Task<HubResult<SessionJoined>> Join(JoinSessionRequest request)
    {
        if (request is null)
        {
            return HubResult<SessionJoined>.Failure(SessionErrorCode.InvalidRequest, "Join needs a request object (displayName, identityToken, lastSeenSequence).");
        }
        // The hub's policy let this connection in with a working session invite; it names the session and the role.
        // One connection, one link: a second Join on it rejoins the same session in the same role.
        var claims = LinkAuthenticationHandler.LinkOf(Context.User!)!;
        var role = claims.Role ?? SessionRole.Observer;
        // A moderator who gives no name is called what the session was scheduled with, unless that is the placeholder.
        var scheduledModerator = role == SessionRole.Moderator && string.IsNullOrWhiteSpace(request.DisplayName)
            ? (await grains.GetGrain<ISessionGrain>(claims.Scope).GetStateAsync(Context.ConnectionAborted))?.ModeratorName
            : null;
        if (scheduledModerator == ScheduleSessionRequest.UnnamedModerator)
        {
            scheduledModerator = null;
        }
        if (ResolveActor(claims.Scope, role, request, scheduledModerator, out var problem) is not { } actor)
        {
            // An ended session opens as its summary, which needs no name: the link is not stopped by a name form.
            var state = await grains.GetGrain<ISessionGrain>(claims.Scope).GetStateAsync(Context.ConnectionAborted);
            return state?.Status == SessionStatus.Ended
                ? HubResult<SessionJoined>.Failure(SessionErrorCode.SessionEnded, "The session has ended; its summary opens instead.")
                : HubResult<SessionJoined>.Failure(SessionErrorCode.InvalidDisplayName, problem!);
        }

        var grain = grains.GetGrain<ISessionGrain>(claims.Scope);
        await relay.BeginJoinAsync(claims.Scope);
        var attached = false;
        try
        {
            var connected = await grain.ConnectAsync(
                new SessionConnection(Context.ConnectionId, actor, request.LastSeenSequence, relay.Reference, claims.Id),
                Context.ConnectionAborted);
            if (connected.Error is { } error)
            {
                await relay.AbandonJoinAsync(claims.Scope);
                return new HubResult<SessionJoined>(false, null, error);
            }
            attached = true;
            await relay.CompleteJoinAsync(
                claims.Scope, new RelayMember(Context.ConnectionId, actor, claims.Id), request.LastSeenSequence, connected.HeadSequence, connected.ParticipantView, CancellationToken.None);
            if (!Connection.TryJoin(new SessionMembership(claims.Scope, actor)))
            {
                // The socket closed while joining, and OnDisconnectedAsync found nothing to detach.
                await LeaveAsync(claims.Scope);
                return HubResult<SessionJoined>.Failure(SessionErrorCode.Unavailable, "The connection closed while joining.");
            }
            Log.Joined(logger, claims.Scope, actor.Role, request.LastSeenSequence);
            return HubResult<SessionJoined>.Success(new SessionJoined(
                claims.Scope,
                actor,
                tokens.IssueIdentity(claims.Scope, actor),
                connected.HeadSequence,
                connected.Study,
                connected.ParticipantView,
                TimeProvider.System.GetUtcNow()));
        }
        catch (Exception error)
        {
            Log.CallFailed(logger, nameof(Join), claims.Scope, error);
            if (attached)
            {
                await LeaveAsync(claims.Scope);
            }
            else
            {
                await relay.AbandonJoinAsync(claims.Scope);
            }
            return error is OperationCanceledException
                ? HubResult<SessionJoined>.Failure(SessionErrorCode.Unavailable, "The connection closed while joining.")
                : HubResult<SessionJoined>.Failure(SessionErrorCode.Unavailable, "The session could not be opened right now; try again.");
        }
    }

    public Task<CommandResult> StartSession(StartSessionRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.StartSessionAsync(actor, request, ct));

    public async Task<CommandResult> EndSession(EndSessionRequest request)
    {
        var result = await RunAsync(request, (grain, actor, ct) => grain.EndSessionAsync(actor, request, ct));
        if (result.Ok && Connection.Current is { } membership)
        {
            try
            {
                if (await grains.GetGrain<ISessionGrain>(membership.SessionId).GetStateAsync(CancellationToken.None) is { } state)
                {
                    await audit.RecordAsync(AuditTrail.ActorOf(Context.User, membership.Actor.DisplayName), state.StudyId, "session.ended",
                        Apis.SessionsApi.SessionTarget(state), null, CancellationToken.None);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The session has ended either way; the moderator is not told it failed over a log line.
                Log.CallFailed(logger, "AuditSessionEnded", membership.SessionId, error);
            }
        }
        return result;
    }

    public Task<CommandResult> AddNote(AddNoteRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.AddNoteAsync(actor, request, ct));

    public Task<CommandResult> EditNote(EditNoteRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.EditNoteAsync(actor, request, ct));

    public Task<CommandResult> DeleteNote(DeleteNoteRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.DeleteNoteAsync(actor, request, ct));

    public Task<CommandResult> StartTask(StartTaskRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.StartTaskAsync(actor, request, ct));

    public Task<CommandResult> EndTask(EndTaskRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.EndTaskAsync(actor, request, ct));

    public Task<CommandResult> AskQuestionnaire(AskQuestionnaireRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.AskQuestionnaireAsync(actor, request, ct));

    public Task<CommandResult> AnswerSeq(AnswerSeqRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.AnswerSeqAsync(actor, request, ct));

    public Task<CommandResult> AnswerSus(AnswerSusRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.AnswerSusAsync(actor, request, ct));

    public Task<CommandResult> AddPaletteTag(AddPaletteTagRequest request) =>
        RunAsync(request, (grain, actor, ct) => grain.AddPaletteTagAsync(actor, request, ct));

    public override Task OnConnectedAsync()
    {
        Context.Items[MembershipKey] = new ConnectionMembership(limits.Value);
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Connection.Close() is { } membership)
        {
            await LeaveAsync(membership.SessionId);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Detaches this connection from the node's relay and from the session's presence.</summary>
    private async Task LeaveAsync(string sessionId)
    {
        await relay.LeaveAsync(sessionId, Context.ConnectionId);
        try
        {
            await grains.GetGrain<ISessionGrain>(sessionId).DisconnectAsync(Context.ConnectionId, CancellationToken.None);
        }
        catch (Exception error)
        {
            // The relay's next heartbeat no longer lists the connection, which removes it from presence.
            Log.CallFailed(logger, nameof(LeaveAsync), sessionId, error);
        }
    }

    private ConnectionMembership Connection => (ConnectionMembership)Context.Items[MembershipKey]!;

    private async Task<CommandResult> RunAsync(ISessionCommand? request, Func<ISessionGrain, Actor, CancellationToken, Task<CommandResult>> call)
    {
        if (request is null || request.CommandId == Guid.Empty)
        {
            return CommandResult.Rejected(SessionErrorCode.InvalidRequest, "Every command needs a request object with a non-empty commandId.");
        }
        if (Connection.Current is not { } membership)
        {
            return CommandResult.Rejected(SessionErrorCode.NotJoined, "Join a session before sending commands.");
        }
        if (!Connection.CommandBudget.TryTake(out var retryAfter))
        {
            return CommandResult.Rejected(SessionGrainLimits.RateLimited(retryAfter, "This connection is sending commands faster than a person can"));
        }
        try
        {
            return await call(grains.GetGrain<ISessionGrain>(membership.SessionId), membership.Actor, Context.ConnectionAborted);
        }
        catch (SessionUnavailableException error)
        {
            // The grain logged the failure with its cause; one line here says which command it cost.
            Log.NotSaved(logger, request.GetType().Name, membership.SessionId, error.Message);
            return CommandResult.Rejected(SessionErrorCode.Unavailable, "The server could not save this right now; it was not applied. Send it again.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Log.CallFailed(logger, request.GetType().Name, membership.SessionId, error);
            return CommandResult.Rejected(SessionErrorCode.Unavailable, "The server could not confirm this was saved. Send it again: a command is never applied twice.");
        }
    }

    /// <summary>
    /// The identity token from an earlier join keeps the same author id; without one a new id is made.
    /// The participant is always shown as "Participant": their alias is for the team's records, not their screen.
    /// </summary>
    private Actor? ResolveActor(string sessionId, SessionRole role, JoinSessionRequest request, string? scheduledModerator, out string? problem)
    {
        problem = null;
        // A signed-in member of the team joins under their account: the same identity on every device, named as they are.
        if (role != SessionRole.Participant && Context.User?.MemberId() is { } memberId)
        {
            var account = Context.User.AuditActor().Name;
            problem = SessionRules.CheckName(account, "Your account name", SessionErrorCode.InvalidDisplayName)?.Message;
            return problem is null ? new Actor("m_" + memberId, account, role) : null;
        }
        var previous = tokens.Validate(request.IdentityToken, TokenKind.Identity).Claims;
        var id = previous is { } p && p.Scope == sessionId && p.Role == role && p.Subject is { } subject
            ? subject
            : "a_" + Guid.NewGuid().ToString("N")[..16];
        var name = role == SessionRole.Participant ? "Participant" : request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = previous?.Name ?? (role == SessionRole.Moderator ? scheduledModerator : null);
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = $"Enter a name of 1–{SessionLimits.MaxDisplayNameLength} characters so others can tell your notes apart.";
            return null;
        }
        // Presence shows names side by side: "Mo" and "Mo" + U+200B must not both be there.
        problem = SessionRules.CheckName(name, "Your display name", SessionErrorCode.InvalidDisplayName)?.Message;
        return problem is null ? new Actor(id, name, role) : null;
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Session {SessionId}: a {Role} joined (last seen {LastSeen}).")]
        public static partial void Joined(ILogger logger, string sessionId, SessionRole role, long lastSeen);

        [LoggerMessage(4002, LogLevel.Error, "{Method} failed for session {SessionId}.")]
        public static partial void CallFailed(ILogger logger, string method, string sessionId, Exception error);

        [LoggerMessage(4003, LogLevel.Warning, "{Method} for session {SessionId} was not saved: {Reason}")]
        public static partial void NotSaved(ILogger logger, string method, string sessionId, string reason);
    }
}
