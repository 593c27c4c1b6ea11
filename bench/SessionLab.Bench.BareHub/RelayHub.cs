using Microsoft.AspNetCore.SignalR;
using SessionLab.Sessions;

namespace SessionLab.Bench.BareHub;

/// <summary>
/// Speaks the session hub's wire shapes for Join and AddNote, but only relays: no tokens, no grain, no rules, no log.
/// The connection's invite (<c>?invite=</c>, as on the real hub) is taken as the session id; every joined connection is
/// in the session's one group.
/// </summary>
public sealed class RelayHub(RelaySequences sequences, TimeProvider time) : Hub<ISessionClient>
{
    public const string Path = "/hubs/session";

    private const string MemberKey = "bench.member";

    public async Task<HubResult<RelayJoined>> Join(JoinSessionRequest request)
    {
        var sessionId = Context.GetHttpContext()?.Request.Query["invite"].ToString();
        if (request is null || string.IsNullOrEmpty(sessionId))
        {
            return HubResult<RelayJoined>.Failure(SessionErrorCode.InvalidRequest, "Open the connection with the session id as its ?invite=, then Join with a request.");
        }
        var actor = new Actor(Context.ConnectionId, request.DisplayName ?? "Moderator", SessionRole.Observer);
        await Groups.AddToGroupAsync(Context.ConnectionId, sessionId, Context.ConnectionAborted);
        Context.Items[MemberKey] = new RelayMember(sessionId, actor);
        return HubResult<RelayJoined>.Success(new RelayJoined(sessionId, actor, sequences.Current(sessionId)));
    }

    public async Task<CommandResult> AddNote(AddNoteRequest request)
    {
        if (request is null || Context.Items[MemberKey] is not RelayMember member)
        {
            return CommandResult.Rejected(SessionErrorCode.NotJoined, "Join before sending notes.");
        }
        var envelope = new SessionEventEnvelope(
            member.SessionId,
            sequences.Next(member.SessionId),
            request.CommandId,
            time.GetUtcNow(),
            member.Actor,
            new NoteAdded(request.NoteId, request.ClockOffsetMs, request.Text, request.Tags, request.Kind ?? NoteKind.Observation, null));
        await Clients.Group(member.SessionId).Events([envelope]);
        return CommandResult.Accepted(envelope.Sequence);
    }
}
