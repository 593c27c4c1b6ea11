using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Hubs;

/// <summary>
/// This node's end of every session it has browsers in. Session grains, wherever they are activated, push each event
/// here; the relay hands it to the session's SignalR groups on this node. Orleans delivers a push at most once and in
/// no promised order, so the sequence number is the cursor: a duplicate or stale copy is dropped, and a gap is read
/// from the log, which is safe because a grain pushes an event only after it and all before it are durable.
/// Each session is handled under its own lock, and sends are started in sequence order inside it, which is the order
/// SignalR writes them to each connection.
/// </summary>
public sealed partial class SessionRelay(
    IGrainFactory grains,
    IHubContext<SessionHub, ISessionClient> hub,
    ISessionEventStore store,
    ILogger<SessionRelay> logger) : ISessionRelay
{
    private const int ReplayBatchSize = 500;

    private readonly ConcurrentDictionary<string, RelayedSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _referenceGate = new();
    private ISessionRelay? _reference;

    /// <summary>The reference grains push to; made once, and kept alive by this singleton.</summary>
    public ISessionRelay Reference
    {
        get
        {
            lock (_referenceGate)
            {
                return _reference ??= grains.CreateObjectReference<ISessionRelay>(this);
            }
        }
    }

    /// <summary>
    /// Called before the grain attaches a connection: from now on this node keeps the session's pushes (buffered until
    /// <see cref="CompleteJoinAsync"/> learns where the replay ends), so none that arrives meanwhile is lost.
    /// </summary>
    public async Task BeginJoinAsync(string sessionId)
    {
        var session = _sessions.GetOrAdd(sessionId, static _ => new RelayedSession());
        await session.Gate.WaitAsync();
        try
        {
            session.PendingJoins++;
        }
        finally
        {
            session.Gate.Release();
        }
        // The session may have been dropped as empty between the lookup and the lock; join the one now registered.
        if (!_sessions.TryGetValue(sessionId, out var current) || current != session)
        {
            await AbandonJoinAsync(sessionId, session);
            await BeginJoinAsync(sessionId);
        }
    }

    /// <summary>
    /// Brings the node's copy of the session up to <paramref name="head"/> (the grain's head when it attached the
    /// connection), replays to the new connection what it has not seen, and only then adds it to its group.
    /// </summary>
    public async Task CompleteJoinAsync(string sessionId, RelayMember member, long lastSeen, long head, ParticipantView? view, CancellationToken cancellationToken)
    {
        var session = _sessions[sessionId];
        await session.Gate.WaitAsync(CancellationToken.None);
        try
        {
            session.PendingJoins--;
            if (session.Delivered < 0)
            {
                session.Delivered = head;
                foreach (var held in session.Held.OrderBy(d => d.Event.Sequence))
                {
                    await DeliverLockedAsync(sessionId, session, held);
                }
                session.Held.Clear();
            }
            else if (session.Delivered < head)
            {
                await CatchUpLockedAsync(sessionId, session, head);
            }

            var connectionId = member.ConnectionId;
            if (member.Actor.Role == SessionRole.Participant)
            {
                var current = view is not null && view.Sequence >= session.ViewSequence ? view : session.LastView;
                if (current is not null)
                {
                    Send(hub.Clients.Client(connectionId).ParticipantView(current), sessionId, current.Sequence);
                }
                await hub.Groups.AddToGroupAsync(connectionId, SessionGroups.Participant(sessionId), CancellationToken.None);
            }
            else
            {
                if (lastSeen < session.Delivered)
                {
                    var missed = await store.ReadAsync(sessionId, lastSeen, cancellationToken);
                    foreach (var chunk in missed.TakeWhile(e => e.Sequence <= session.Delivered).Chunk(ReplayBatchSize))
                    {
                        Send(hub.Clients.Client(connectionId).Events(chunk), connectionId, chunk[^1].Sequence);
                    }
                }
                if (session.LastPresence is { } presence)
                {
                    Send(hub.Clients.Client(connectionId).Presence(presence.People), connectionId, -1);
                }
                await hub.Groups.AddToGroupAsync(connectionId, SessionGroups.Team(sessionId), CancellationToken.None);
            }
            session.Members[connectionId] = member;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>A join that the grain refused or that failed: the node stops holding the session if nobody else is in it.</summary>
    public Task AbandonJoinAsync(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var session) ? AbandonJoinAsync(sessionId, session) : Task.CompletedTask;

    public async Task LeaveAsync(string sessionId, string connectionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return;
        }
        await session.Gate.WaitAsync();
        try
        {
            session.Members.Remove(connectionId);
            ForgetIfEmpty(sessionId, session);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task DeliverAsync(SessionDelivery delivery)
    {
        var sessionId = delivery.Event.SessionId;
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return;
        }
        await session.Gate.WaitAsync();
        try
        {
            if (session.Delivered < 0)
            {
                session.Held.Add(delivery);
                return;
            }
            await DeliverLockedAsync(sessionId, session, delivery);
        }
        catch (Exception error)
        {
            // The heartbeat finds the gap this leaves and reads it from the log again.
            Log.DeliveryFailed(logger, sessionId, delivery.Event.Sequence, error);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task PresenceAsync(PresenceUpdate update)
    {
        if (!_sessions.TryGetValue(update.SessionId, out var session))
        {
            return;
        }
        await session.Gate.WaitAsync();
        try
        {
            if (session.LastPresence is { } last && last.Version >= update.Version)
            {
                return;
            }
            session.LastPresence = update;
            Send(hub.Clients.Group(SessionGroups.Team(update.SessionId)).Presence(update.People), update.SessionId, -1);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// Tells each session's grain which connections this node still holds (re-registering with an activation that
    /// lost it), and repairs any event or participant view whose push was lost.
    /// </summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        foreach (var (sessionId, session) in _sessions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImmutableArray<RelayMember> members;
            await session.Gate.WaitAsync(cancellationToken);
            try
            {
                members = [.. session.Members.Values];
            }
            finally
            {
                session.Gate.Release();
            }
            if (members.IsEmpty)
            {
                continue;
            }
            try
            {
                var answer = await grains.GetGrain<ISessionGrain>(sessionId).HeartbeatAsync(new RelayHeartbeat(Reference, members), cancellationToken);
                await session.Gate.WaitAsync(cancellationToken);
                try
                {
                    if (session.Delivered >= 0 && session.Delivered < answer.HeadSequence)
                    {
                        Log.Repaired(logger, sessionId, session.Delivered, answer.HeadSequence);
                        await CatchUpLockedAsync(sessionId, session, answer.HeadSequence);
                    }
                    if (answer.ParticipantView is { } view)
                    {
                        SendView(sessionId, session, view);
                    }
                }
                finally
                {
                    session.Gate.Release();
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Log.HeartbeatFailed(logger, sessionId, error);
            }
        }
    }

    private async Task DeliverLockedAsync(string sessionId, RelayedSession session, SessionDelivery delivery)
    {
        var sequence = delivery.Event.Sequence;
        if (sequence <= session.Delivered)
        {
            return;
        }
        if (sequence > session.Delivered + 1)
        {
            await CatchUpLockedAsync(sessionId, session, sequence - 1);
        }
        Send(hub.Clients.Group(SessionGroups.Team(sessionId)).Events([delivery.Event]), sessionId, sequence);
        session.Delivered = sequence;
        if (delivery.ParticipantView is { } view)
        {
            SendView(sessionId, session, view);
        }
    }

    /// <summary>Reads from the log what this node's group has not been sent, up to <paramref name="head"/>, and sends it.</summary>
    private async Task CatchUpLockedAsync(string sessionId, RelayedSession session, long head)
    {
        var missed = await store.ReadAsync(sessionId, session.Delivered, CancellationToken.None);
        foreach (var chunk in missed.TakeWhile(e => e.Sequence <= head).Chunk(ReplayBatchSize))
        {
            Send(hub.Clients.Group(SessionGroups.Team(sessionId)).Events(chunk), sessionId, chunk[^1].Sequence);
            session.Delivered = chunk[^1].Sequence;
        }
    }

    private void SendView(string sessionId, RelayedSession session, ParticipantView view)
    {
        if (view.Sequence <= session.ViewSequence)
        {
            return;
        }
        session.ViewSequence = view.Sequence;
        session.LastView = view;
        Send(hub.Clients.Group(SessionGroups.Participant(sessionId)).ParticipantView(view), sessionId, view.Sequence);
    }

    private async Task AbandonJoinAsync(string sessionId, RelayedSession session)
    {
        await session.Gate.WaitAsync();
        try
        {
            session.PendingJoins--;
            ForgetIfEmpty(sessionId, session);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private void ForgetIfEmpty(string sessionId, RelayedSession session)
    {
        if (session.Members.Count == 0 && session.PendingJoins == 0)
        {
            _sessions.TryRemove(new KeyValuePair<string, RelayedSession>(sessionId, session));
        }
    }

    /// <summary>
    /// Sends are not awaited: a browser that stops reading must not hold up the session for everyone else. A failed
    /// send is only logged, since the event is durable and the client gets it again when it re-joins.
    /// </summary>
    private void Send(Task send, string target, long sequence)
    {
        if (send.IsCompletedSuccessfully)
        {
            return;
        }
        send.ContinueWith(
            static (task, state) =>
            {
                var (logger, target, sequence) = ((ILogger, string, long))state!;
                Log.SendFailed(logger, target, sequence, task.Exception!.GetBaseException());
            },
            (logger, target, sequence),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>What this node holds of one session. Every field is read and written under <see cref="Gate"/>.</summary>
    private sealed class RelayedSession
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The last sequence sent to this node's team group; -1 until the first join tells where to start.</summary>
        public long Delivered { get; set; } = -1;

        public long ViewSequence { get; set; } = -1;

        public ParticipantView? LastView { get; set; }

        public PresenceUpdate? LastPresence { get; set; }

        public int PendingJoins { get; set; }

        public List<SessionDelivery> Held { get; } = [];

        public Dictionary<string, RelayMember> Members { get; } = new(StringComparer.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Warning, "Sending to {Target} (sequence {Sequence}) failed.")]
        public static partial void SendFailed(ILogger logger, string target, long sequence, Exception error);

        [LoggerMessage(4102, LogLevel.Warning, "Session {SessionId}: delivering event {Sequence} failed; the heartbeat will repair it.")]
        public static partial void DeliveryFailed(ILogger logger, string sessionId, long sequence, Exception error);

        [LoggerMessage(4103, LogLevel.Information, "Session {SessionId}: events {Delivered}..{Head} had not arrived; sent from the log.")]
        public static partial void Repaired(ILogger logger, string sessionId, long delivered, long head);

        [LoggerMessage(4104, LogLevel.Warning, "Session {SessionId}: heartbeat to the session failed.")]
        public static partial void HeartbeatFailed(ILogger logger, string sessionId, Exception error);
    }
}
