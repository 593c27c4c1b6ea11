using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using SessionLab.Sessions;
using SessionLab.Sessions.Grains;

namespace SessionLab.Server.Hubs;

/// <summary>
/// Delivers a grain's events through the hub context. Each send is started inside the grain's turn, which fixes its
/// order: SignalR queues the writes of one connection behind that connection's write lock, in the order they start.
/// The grain does not wait for them to finish, so a browser that stops reading cannot hold up its session's commands
/// or the other clients' deliveries. Sends are never cancelled by the caller going away: everyone else must still
/// receive the event, or their sequence would have a gap.
/// </summary>
internal sealed partial class SignalRSessionNotifier(IHubContext<SessionHub, ISessionClient> hub, ILogger<SignalRSessionNotifier> logger) : ISessionNotifier
{
    public Task AttachAsync(string sessionId, string connectionId, SessionRole role, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(
            connectionId,
            role == SessionRole.Participant ? SessionGroups.Participant(sessionId) : SessionGroups.Team(sessionId),
            CancellationToken.None);

    public Task SendEventsAsync(string connectionId, IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken)
    {
        Observe(hub.Clients.Client(connectionId).Events(events), connectionId, events[^1].Sequence);
        return Task.CompletedTask;
    }

    public Task SendParticipantViewAsync(string connectionId, ParticipantView view, CancellationToken cancellationToken)
    {
        Observe(hub.Clients.Client(connectionId).ParticipantView(view), connectionId, view.Sequence);
        return Task.CompletedTask;
    }

    public Task PublishAsync(string sessionId, SessionEventEnvelope sessionEvent, ParticipantView? participantView, CancellationToken cancellationToken)
    {
        Observe(hub.Clients.Group(SessionGroups.Team(sessionId)).Events([sessionEvent]), sessionId, sessionEvent.Sequence);
        if (participantView is not null)
        {
            Observe(hub.Clients.Group(SessionGroups.Participant(sessionId)).ParticipantView(participantView), sessionId, sessionEvent.Sequence);
        }
        return Task.CompletedTask;
    }

    public Task PublishPresenceAsync(string sessionId, ImmutableArray<PresenceEntry> people, CancellationToken cancellationToken)
    {
        Observe(hub.Clients.Group(SessionGroups.Team(sessionId)).Presence(people), sessionId, -1);
        return Task.CompletedTask;
    }

    /// <summary>The event is already durable: a client whose delivery failed gets it on its next reconnect. Only log.</summary>
    private void Observe(Task send, string target, long sequence)
    {
        if (send.IsCompletedSuccessfully)
        {
            return;
        }
        send.ContinueWith(
            static (task, state) =>
            {
                var (logger, target, sequence) = ((ILogger, string, long))state!;
                Log.DeliveryFailed(logger, target, sequence, task.Exception!.GetBaseException());
            },
            (logger, target, sequence),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Warning, "Delivering to {Target} (sequence {Sequence}) failed.")]
        public static partial void DeliveryFailed(ILogger logger, string target, long sequence, Exception error);
    }
}
