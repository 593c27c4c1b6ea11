using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using SessionLab.Sessions.Storage;

namespace SessionLab.Sessions.Grains;

/// <summary>
/// A live session. The runtime guarantees one activation per id and one call at a time, so the grain keeps its
/// state in plain fields. Each command is decided by <see cref="SessionRules"/>, appended to the log, applied,
/// and only then acknowledged and published: nobody ever sees an event the log could lose.
/// </summary>
internal sealed partial class SessionGrain(
    string sessionId,
    ISessionEventStore store,
    IStudyStore studies,
    ISessionNotifier notifier,
    TimeProvider time,
    ILogger<SessionGrain> logger) : ISessionGrain
{
    private const int ReplayBatchSize = 500;

    private readonly Dictionary<Guid, long> _acknowledged = [];
    private readonly Dictionary<string, Actor> _connections = new(StringComparer.Ordinal);
    private SessionState? _state;

    public string SessionId => sessionId;

    public bool HasConnections => _connections.Count > 0;

    /// <summary>The connections attached now: what a replacement activation must keep when this one fails.</summary>
    public IReadOnlyDictionary<string, Actor> AttachedConnections => new Dictionary<string, Actor>(_connections, StringComparer.Ordinal);

    /// <summary>
    /// Takes over connections that stay open while their grain was replaced after a failure: they are still in the
    /// session's groups, so they belong in its presence and keep it from being collected.
    /// </summary>
    public void AdoptConnections(IReadOnlyDictionary<string, Actor> connections)
    {
        foreach (var (connectionId, actor) in connections)
        {
            _connections[connectionId] = actor;
        }
    }

    public async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var events = await store.ReadAsync(sessionId, 0, cancellationToken);
        _state = SessionState.Replay(events);
        foreach (var e in events)
        {
            _acknowledged[e.CommandId] = e.Sequence;
        }
        Log.Activated(logger, sessionId, events.Count);
    }

    public async Task<CommandResult> ScheduleAsync(Actor actor, ScheduleSessionRequest request, CancellationToken cancellationToken)
    {
        if (_acknowledged.TryGetValue(request.CommandId, out var sequence))
        {
            return CommandResult.Accepted(sequence);
        }
        var study = await studies.GetAsync(request.StudyId, cancellationToken);
        var decision = SessionRules.Schedule(_state, study, request);
        if (decision.Error is { } error)
        {
            return CommandResult.Rejected(error);
        }
        var envelope = new SessionEventEnvelope(sessionId, 1, request.CommandId, time.GetUtcNow(), actor, decision.Event!);
        await store.AppendAsync([envelope], cancellationToken);
        _state = SessionState.Create(envelope);
        _acknowledged[request.CommandId] = envelope.Sequence;
        return CommandResult.Accepted(envelope.Sequence);
    }

    public Task<CommandResult> StartSessionAsync(Actor actor, StartSessionRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, _, _) => SessionRules.StartSession(state, actor), cancellationToken);

    public Task<CommandResult> EndSessionAsync(Actor actor, EndSessionRequest request, CancellationToken cancellationToken) =>
        HandleAsync(actor, request, (state, _, now) => SessionRules.EndSession(state, actor, now), cancellationToken);

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
        var study = await studies.GetAsync(_state.StudyId, cancellationToken);
        if (study is null)
        {
            return ConnectResult.Rejected(SessionErrorCode.StudyNotFound, "The session's study no longer exists.");
        }
        if (connection.LastSeenSequence < 0 || connection.LastSeenSequence > _state.Sequence)
        {
            return ConnectResult.Rejected(SessionErrorCode.InvalidRequest, $"lastSeenSequence must be between 0 and {_state.Sequence}.");
        }

        // Attach and replay inside this turn: no command can run in between, so the replay ends exactly
        // where live delivery begins. Whatever the caller may cancel (it goes away) happens before the connection is
        // recorded; after that the turn runs to its end, so an abandoned join never leaves someone in presence.
        var isTeam = connection.Actor.Role != SessionRole.Participant;
        var missed = isTeam ? await store.ReadAsync(sessionId, connection.LastSeenSequence, cancellationToken) : [];
        await notifier.AttachAsync(sessionId, connection.ConnectionId, connection.Actor.Role, cancellationToken);
        _connections[connection.ConnectionId] = connection.Actor;
        if (!isTeam)
        {
            var view = ParticipantView.From(_state, study);
            await notifier.SendParticipantViewAsync(connection.ConnectionId, view, CancellationToken.None);
            await PublishPresenceAsync(CancellationToken.None);
            return new ConnectResult(true, _state.Sequence, null, view, null);
        }
        foreach (var chunk in missed.Chunk(ReplayBatchSize))
        {
            await notifier.SendEventsAsync(connection.ConnectionId, chunk, CancellationToken.None);
        }
        await PublishPresenceAsync(CancellationToken.None);
        Log.Connected(logger, sessionId, connection.Actor.Role, missed.Count);
        return new ConnectResult(true, _state.Sequence, study, null, null);
    }

    public async Task DisconnectAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (_connections.Remove(connectionId))
        {
            await PublishPresenceAsync(cancellationToken);
        }
    }

    public Task<SessionState?> GetStateAsync(CancellationToken cancellationToken) => Task.FromResult(_state);

    public Task<IReadOnlyList<SessionEventEnvelope>> GetEventsAsync(long afterSequence, CancellationToken cancellationToken) =>
        store.ReadAsync(sessionId, afterSequence, cancellationToken);

    public ImmutableArray<PresenceEntry> Presence() =>
    [
        .. _connections.Values
            .GroupBy(a => a.Id)
            .Select(g => new PresenceEntry(g.Key, g.First().DisplayName, g.First().Role, g.Count()))
            .OrderBy(p => p.Role).ThenBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase),
    ];

    private async Task<CommandResult> HandleAsync(
        Actor actor,
        ISessionCommand command,
        Func<SessionState, Study, DateTimeOffset, Decision> decide,
        CancellationToken cancellationToken)
    {
        if (_acknowledged.TryGetValue(command.CommandId, out var sequence))
        {
            Log.Retried(logger, sessionId, command.CommandId, sequence);
            return CommandResult.Accepted(sequence);
        }
        if (_state is null)
        {
            return CommandResult.Rejected(SessionErrorCode.SessionNotFound, "This session does not exist.");
        }
        var study = await studies.GetAsync(_state.StudyId, cancellationToken);
        if (study is null)
        {
            return CommandResult.Rejected(SessionErrorCode.StudyNotFound, "The session's study no longer exists.");
        }
        var now = time.GetUtcNow();
        var decision = decide(_state, study, now);
        if (decision.Error is { } error)
        {
            Log.Refused(logger, sessionId, command.GetType().Name, error.Code);
            return CommandResult.Rejected(error);
        }

        var envelope = new SessionEventEnvelope(sessionId, _state.Sequence + 1, command.CommandId, now, actor, decision.Event!);
        await store.AppendAsync([envelope], cancellationToken);
        _state = _state.Apply(envelope);
        _acknowledged[command.CommandId] = envelope.Sequence;

        var participantView = ChangesParticipantView(envelope.Event) ? ParticipantView.From(_state, study) : null;
        await notifier.PublishAsync(sessionId, envelope, participantView, cancellationToken);
        return CommandResult.Accepted(envelope.Sequence);
    }

    /// <summary>Notes and their edits never change what the participant sees, so they are never sent that way.</summary>
    private static bool ChangesParticipantView(SessionEvent e) => e is not (NoteAdded or NoteEdited or NoteDeleted);

    private Task PublishPresenceAsync(CancellationToken cancellationToken) =>
        notifier.PublishPresenceAsync(sessionId, Presence(), cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Debug, "Session {SessionId} activated from {EventCount} logged events.")]
        public static partial void Activated(ILogger logger, string sessionId, int eventCount);

        [LoggerMessage(2002, LogLevel.Debug, "Session {SessionId}: command {CommandId} was already applied as event {Sequence}; acknowledged again.")]
        public static partial void Retried(ILogger logger, string sessionId, Guid commandId, long sequence);

        [LoggerMessage(2003, LogLevel.Debug, "Session {SessionId}: {Command} refused with {Code}.")]
        public static partial void Refused(ILogger logger, string sessionId, string command, SessionErrorCode code);

        [LoggerMessage(2004, LogLevel.Debug, "Session {SessionId}: a {Role} connected and was sent {MissedCount} missed events.")]
        public static partial void Connected(ILogger logger, string sessionId, SessionRole role, int missedCount);
    }
}
