using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using SessionLab.Sessions.Studies;
using SessionLab.Storage;

namespace SessionLab.Sessions.Grains;

/// <summary>
/// A live session. Orleans runs one activation per session id in the cluster and one call at a time, so the grain
/// keeps its state in plain fields. Each command is decided by <see cref="SessionRules"/>, appended to the log,
/// applied, and only then acknowledged and pushed to the relays of the nodes with members in the session: nobody
/// ever sees an event the log could lose.
/// </summary>
[GrainType("session")]
internal sealed partial class SessionGrain(
    ISessionEventStore store,
    IStudyStore studies,
    [FromKeyedServices(SessionsServiceCollectionExtensions.SessionClockKey)] TimeProvider time,
    IOptions<SessionGrainOptions> options,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    /// <summary>A relay that has not been heard from for this long is taken to be on a dead node, with its connections.</summary>
    internal static readonly TimeSpan RelayExpiry = TimeSpan.FromSeconds(20);

    private readonly Dictionary<Guid, Acknowledged> _acknowledged = [];
    private readonly Dictionary<string, RelayMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ISessionRelay> _memberRelays = new(StringComparer.Ordinal);
    private readonly Dictionary<ISessionRelay, DateTimeOffset> _relays = [];

    /// <summary>
    /// Connections that left, kept until relays have surely stopped listing them: a heartbeat sent just before a
    /// connection left must not bring it back into presence.
    /// </summary>
    private readonly Dictionary<string, DateTimeOffset> _departed = new(StringComparer.Ordinal);
    private readonly CommandBudget _commandBudget = new(options.Value.CommandBurst, options.Value.CommandsPerSecond);
    private SessionState? _state;
    private long _presenceVersion;
    private long _presenceSentAt;
    private IGrainTimer? _presenceFlush;
    private IGrainTimer? _relaySweep;

    private string SessionId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var events = await store.ReadAsync(SessionId, 0, cancellationToken);
        _state = SessionState.Replay(events);
        foreach (var e in events)
        {
            _acknowledged[e.CommandId] = Acknowledged.Of(e);
        }
        // Versions from an earlier activation were taken from the clock too, so they stay below this one's.
        _presenceVersion = time.GetUtcNow().UtcTicks;
        Log.Activated(logger, SessionId, events.Count);
    }

    public async Task<CommandResult> ScheduleAsync(Actor actor, ScheduleSessionRequest request, CancellationToken cancellationToken)
    {
        if (Retried(actor, request) is { } retried)
        {
            return retried;
        }
        var study = await studies.GetAsync(request.StudyId, cancellationToken);
        var decision = SessionRules.Schedule(_state, study, request);
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(error);
        }
        var envelope = new SessionEventEnvelope(SessionId, 1, request.CommandId, time.GetUtcNow(), actor, decision.Event!);
        await AppendAsync(envelope, cancellationToken);
        _state = SessionState.Create(envelope);
        _acknowledged[request.CommandId] = Acknowledged.Of(envelope);
        return CommandResult.Accepted(envelope.Sequence);
    }

    public Task<CommandResult> StartSessionAsync(Actor actor, StartSessionRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, _) => SessionRules.StartSession(state, study, actor), cancellationToken);

    public Task<CommandResult> EndSessionAsync(Actor actor, EndSessionRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, _, now) => SessionRules.EndSession(state, actor, request, now), cancellationToken);

    public Task<CommandResult> CancelSessionAsync(Actor actor, CancelSessionRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, _, _) => SessionRules.CancelSession(state, actor, request), cancellationToken);

    public async Task<CommandResult> DeleteAsync(Actor actor, DeleteSessionRequest request, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return CommandResult.Rejected(SessionErrorCode.SessionNotFound, "This session does not exist.");
        }
        if (actor.Role != SessionRole.Moderator)
        {
            return CommandResult.Rejected(SessionErrorCode.Forbidden, "Only the study's team can delete a session.");
        }
        if (_state.Status == SessionStatus.Live)
        {
            return CommandResult.Rejected(SessionErrorCode.SessionLive, "The session is live; end it before deleting it.");
        }
        var head = _state.Sequence;
        // Forgotten before the log is touched: if the delete fails half-way, the next call reloads what is left.
        _state = null;
        _acknowledged.Clear();
        DeactivateOnIdle();
        await store.DeleteSessionAsync(SessionId, cancellationToken);
        Log.Deleted(logger, SessionId, head);
        return CommandResult.Accepted(head);
    }

    public Task<CommandResult> AddNoteAsync(Actor actor, AddNoteRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, now) => SessionRules.AddNote(state, study, actor, request, now), cancellationToken);

    public Task<CommandResult> EditNoteAsync(Actor actor, EditNoteRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, _) => SessionRules.EditNote(state, study, actor, request), cancellationToken);

    public Task<CommandResult> DeleteNoteAsync(Actor actor, DeleteNoteRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, _, _) => SessionRules.DeleteNote(state, actor, request), cancellationToken);

    public Task<CommandResult> StartTaskAsync(Actor actor, StartTaskRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, now) => SessionRules.StartTask(state, study, actor, request, now), cancellationToken);

    public Task<CommandResult> EndTaskAsync(Actor actor, EndTaskRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, now) => SessionRules.EndTask(state, study, actor, request, now), cancellationToken);

    public Task<CommandResult> AskQuestionnaireAsync(Actor actor, AskQuestionnaireRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, _) => SessionRules.AskQuestionnaire(state, study, actor, request), cancellationToken);

    public Task<CommandResult> AnswerSeqAsync(Actor actor, AnswerSeqRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, study, _) => SessionRules.AnswerSeq(state, study, actor, request), cancellationToken);

    public Task<CommandResult> AnswerSusAsync(Actor actor, AnswerSusRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, _, _) => SessionRules.AnswerSus(state, actor, request), cancellationToken);

    /// <remarks>
    /// The session's log takes the tag first, so this session has it whatever happens next; the study then gets it as a
    /// new version for later sessions. A study that cannot be saved now does not undo the session's tag.
    /// </remarks>
    public async Task<CommandResult> AddPaletteTagAsync(Actor actor, AddPaletteTagRequest request, CancellationToken cancellationToken)
    {
        var result = await HandleAsync(actor, request, (state, study, _) => SessionRules.AddPaletteTag(state, study, actor, request), cancellationToken);
        if (result.Ok && _state?.AddedTags is { Count: > 0 } added)
        {
            try
            {
                await StudyPalette.AddTagAsync(studies, _state.StudyId, added[^1], actor.Id, actor.DisplayName, time.GetUtcNow(), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Log.PaletteNotSaved(logger, SessionId, error.GetType().Name, error.Message);
            }
        }
        return result;
    }

    public async Task<ConnectResult> ConnectAsync(SessionConnection connection, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return ConnectResult.Rejected(SessionErrorCode.SessionNotFound, "This session does not exist.");
        }
        if (_state.Status == SessionStatus.Ended)
        {
            return ConnectResult.Rejected(SessionErrorCode.SessionEnded, "The session has ended; its invite links no longer open it.");
        }
        if (_state.Status is SessionStatus.Cancelled or SessionStatus.NoShow)
        {
            return ConnectResult.Rejected(SessionErrorCode.SessionCancelled, "The session was called off; its invite links no longer open it.");
        }
        var study = await studies.GetForSessionAsync(_state, cancellationToken);
        if (study is null)
        {
            return ConnectResult.Rejected(SessionErrorCode.StudyNotFound, "The session's study no longer exists.");
        }
        if (connection.LastSeenSequence < 0 || connection.LastSeenSequence > _state.Sequence)
        {
            return ConnectResult.Rejected(SessionErrorCode.InvalidRequest, $"lastSeenSequence must be between 0 and {_state.Sequence}.");
        }
        if (_members.Count >= SessionLimits.MaxConnectionsPerSession)
        {
            return ConnectResult.Rejected(SessionErrorCode.TooManyConnections, $"This session already has {SessionLimits.MaxConnectionsPerSession} open connections; close a tab and try again.");
        }
        if (_members.Values.Count(m => m.InviteId == connection.InviteId) >= SessionLimits.MaxConnectionsPerInvite)
        {
            return ConnectResult.Rejected(SessionErrorCode.TooManyConnections, $"This link already has {SessionLimits.MaxConnectionsPerInvite} open connections; ask the researcher for a link of your own.");
        }

        // The relay is registered in the same turn that reads the head: every event after the head is pushed to it,
        // and it replays everything up to the head from the log, so nothing falls between the two.
        Attach(connection.Relay, new RelayMember(connection.ConnectionId, connection.Actor, connection.InviteId));
        PublishPresence();
        Log.Connected(logger, SessionId, connection.Actor.Role, connection.LastSeenSequence);
        return connection.Actor.Role == SessionRole.Participant
            ? new ConnectResult(true, _state.Sequence, null, ParticipantView.From(_state, study), null)
            : new ConnectResult(true, _state.Sequence, study, null, null);
    }

    public Task DisconnectAsync(string connectionId, CancellationToken cancellationToken)
    {
        _departed[connectionId] = time.GetUtcNow();
        if (_members.Remove(connectionId))
        {
            _memberRelays.Remove(connectionId);
            PublishPresence();
        }
        return Task.CompletedTask;
    }

    public async Task<RelayHeartbeatResult> HeartbeatAsync(RelayHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        var changed = false;
        var listed = heartbeat.Members.Select(m => m.ConnectionId).ToHashSet(StringComparer.Ordinal);
        foreach (var (connectionId, relay) in _memberRelays.ToList())
        {
            if (relay.Equals(heartbeat.Relay) && !listed.Contains(connectionId))
            {
                changed |= _members.Remove(connectionId);
                _memberRelays.Remove(connectionId);
            }
        }
        _relays[heartbeat.Relay] = time.GetUtcNow();
        foreach (var member in heartbeat.Members)
        {
            if (!_members.ContainsKey(member.ConnectionId) && !_departed.ContainsKey(member.ConnectionId))
            {
                Attach(heartbeat.Relay, member);
                changed = true;
            }
        }
        if (changed)
        {
            PublishPresence();
        }
        var head = _state?.Sequence ?? 0;
        ParticipantView? view = null;
        if (_state is not null && heartbeat.Members.Any(m => m.Actor.Role == SessionRole.Participant)
            && await studies.GetForSessionAsync(_state, cancellationToken) is { } study)
        {
            view = ParticipantView.From(_state, study);
        }
        return new RelayHeartbeatResult(head, view);
    }

    public Task<SessionState?> GetStateAsync(CancellationToken cancellationToken) => Task.FromResult(_state);

    private async Task<CommandResult> HandleAsync(
        Actor actor,
        ISessionCommand command,
        Func<SessionState, Study, DateTimeOffset, Decision> decide,
        CancellationToken cancellationToken)
    {
        if (Retried(actor, command) is { } retried)
        {
            return retried;
        }
        if (_state is null)
        {
            return CommandResult.Rejected(SessionErrorCode.SessionNotFound, "This session does not exist.");
        }
        if (!_commandBudget.TryTake(out var retryAfter))
        {
            return CommandResult.Rejected(SessionGrainLimits.RateLimited(retryAfter, "This session is taking more commands than a live session sends"));
        }
        var study = await studies.GetForSessionAsync(_state, cancellationToken);
        if (study is null)
        {
            return CommandResult.Rejected(SessionErrorCode.StudyNotFound, "The session's study no longer exists.");
        }
        var now = time.GetUtcNow();
        var decision = decide(_state, study, now);
        if (decision.Error is { } error)
        {
            Log.Refused(logger, SessionId, command.GetType().Name, error.Code);
            return CommandResult.Rejected(error);
        }

        var envelope = new SessionEventEnvelope(SessionId, _state.Sequence + 1, command.CommandId, now, actor, decision.Event!);
        await AppendAsync(envelope, cancellationToken);
        _state = _state.Apply(envelope);
        _acknowledged[command.CommandId] = Acknowledged.Of(envelope);

        var participantView = ChangesParticipantView(envelope.Event) ? ParticipantView.From(_state, study) : null;
        var delivery = new SessionDelivery(envelope, participantView);
        foreach (var relay in _relays.Keys)
        {
            // One-way: the push neither waits for the node nor fails this command; a lost push is repaired by the relay.
            _ = relay.DeliverAsync(delivery);
        }
        return CommandResult.Accepted(envelope.Sequence);
    }

    /// <summary>
    /// A command id already in the log: the same command from the same author is a retry (its answer was lost) and is
    /// acknowledged again with its sequence; anything else reusing the id is refused, never told it succeeded.
    /// </summary>
    private CommandResult? Retried(Actor actor, ISessionCommand command)
    {
        if (!_acknowledged.TryGetValue(command.CommandId, out var earlier))
        {
            return null;
        }
        if (earlier.ActorId != actor.Id || earlier.Event != SessionRules.EventOf(command))
        {
            Log.Refused(logger, SessionId, command.GetType().Name, SessionErrorCode.CommandIdReused);
            return CommandResult.Rejected(SessionErrorCode.CommandIdReused, "This commandId was already used for another command; send each new command with a new id.");
        }
        Log.Retried(logger, SessionId, command.CommandId, earlier.Sequence);
        return CommandResult.Accepted(earlier.Sequence);
    }

    /// <summary>What is remembered of an applied command, to tell a retry from a reused id.</summary>
    private readonly record struct Acknowledged(long Sequence, string ActorId, Type Event)
    {
        public static Acknowledged Of(SessionEventEnvelope e) => new(e.Sequence, e.Actor.Id, e.Event.GetType());
    }

    /// <summary>
    /// Appends one event. When the log refuses it or cannot be reached, what this activation holds may no longer match
    /// the log (another activation wrote, or the write's fate is unknown), so it is dropped and the next call reloads.
    /// </summary>
    private async Task AppendAsync(SessionEventEnvelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAsync([envelope], cancellationToken);
        }
        catch (Exception error)
        {
            Log.AppendFailed(logger, SessionId, envelope.Sequence, error.GetType().Name, error.Message);
            DeactivateOnIdle();
            throw new SessionUnavailableException($"Session {SessionId}: event {envelope.Sequence} could not be saved: {error.Message}");
        }
    }

    private void Attach(ISessionRelay relay, RelayMember member)
    {
        _members[member.ConnectionId] = member;
        _memberRelays[member.ConnectionId] = relay;
        _relays[relay] = time.GetUtcNow();
        _relaySweep ??= this.RegisterGrainTimer(SweepRelays, RelayExpiry / 2, RelayExpiry / 2);
    }

    /// <summary>Forgets relays that stopped sending heartbeats (their node died), and the connections they held.</summary>
    private Task SweepRelays()
    {
        var cutoff = time.GetUtcNow() - RelayExpiry;
        foreach (var (connectionId, _) in _departed.Where(d => d.Value < cutoff).ToList())
        {
            _departed.Remove(connectionId);
        }
        var gone = _relays.Where(r => r.Value < cutoff).Select(r => r.Key).ToList();
        if (gone.Count == 0)
        {
            return Task.CompletedTask;
        }
        foreach (var relay in gone)
        {
            _relays.Remove(relay);
        }
        foreach (var (connectionId, relay) in _memberRelays.ToList())
        {
            if (gone.Contains(relay))
            {
                _members.Remove(connectionId);
                _memberRelays.Remove(connectionId);
            }
        }
        Log.RelaysExpired(logger, SessionId, gone.Count);
        PublishPresence();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Presence goes out at most every <see cref="SessionLimits.PresenceInterval"/>, with every change since the last:
    /// a burst of joins costs each member a few lists, not one per join.
    /// </summary>
    private void PublishPresence()
    {
        var since = Stopwatch.GetElapsedTime(_presenceSentAt);
        if (_presenceSentAt != 0 && since < SessionLimits.PresenceInterval)
        {
            _presenceFlush ??= this.RegisterGrainTimer(FlushPresence, SessionLimits.PresenceInterval - since, Timeout.InfiniteTimeSpan);
            return;
        }
        SendPresence();
    }

    private Task FlushPresence()
    {
        _presenceFlush?.Dispose();
        _presenceFlush = null;
        SendPresence();
        return Task.CompletedTask;
    }

    private void SendPresence()
    {
        _presenceSentAt = Stopwatch.GetTimestamp();
        _presenceVersion = Math.Max(_presenceVersion + 1, time.GetUtcNow().UtcTicks);
        var update = new PresenceUpdate(SessionId, _presenceVersion, Presence());
        foreach (var relay in _relays.Keys)
        {
            _ = relay.PresenceAsync(update);
        }
    }

    private ImmutableArray<PresenceEntry> Presence() =>
    [
        .. _members.Values
            .Select(m => m.Actor)
            .GroupBy(a => a.Id)
            .Select(g => new PresenceEntry(g.Key, g.First().DisplayName, g.First().Role, g.Count()))
            .OrderBy(p => p.Role).ThenBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase),
    ];

    /// <summary>Notes, their edits and the team's palette never change what the participant sees, so they are never sent that way.</summary>
    private static bool ChangesParticipantView(SessionEvent e) => e is not (NoteAdded or NoteEdited or NoteDeleted or TagAddedToPalette);

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Debug, "Session {SessionId} activated from {EventCount} logged events.")]
        public static partial void Activated(ILogger logger, string sessionId, int eventCount);

        [LoggerMessage(2002, LogLevel.Debug, "Session {SessionId}: command {CommandId} was already applied as event {Sequence}; acknowledged again.")]
        public static partial void Retried(ILogger logger, string sessionId, Guid commandId, long sequence);

        [LoggerMessage(2003, LogLevel.Debug, "Session {SessionId}: {Command} refused with {Code}.")]
        public static partial void Refused(ILogger logger, string sessionId, string command, SessionErrorCode code);

        [LoggerMessage(2004, LogLevel.Debug, "Session {SessionId}: a {Role} connected (last seen {LastSeen}).")]
        public static partial void Connected(ILogger logger, string sessionId, SessionRole role, long lastSeen);

        [LoggerMessage(2005, LogLevel.Error, "Session {SessionId}: event {Sequence} could not be appended ({Error}: {Message}); the activation reloads from the log on its next call.")]
        public static partial void AppendFailed(ILogger logger, string sessionId, long sequence, string error, string message);

        [LoggerMessage(2006, LogLevel.Information, "Session {SessionId}: {Count} relays stopped answering; their connections left the session.")]
        public static partial void RelaysExpired(ILogger logger, string sessionId, int count);

        [LoggerMessage(2007, LogLevel.Warning, "Session {SessionId}: a tag added during the session could not be saved to its study ({Error}: {Message}); the session keeps it.")]
        public static partial void PaletteNotSaved(ILogger logger, string sessionId, string error, string message);
        [LoggerMessage(2008, LogLevel.Information, "Session {SessionId}: deleted with its {Count} logged events.")]
        public static partial void Deleted(ILogger logger, string sessionId, long count);
    }
}
