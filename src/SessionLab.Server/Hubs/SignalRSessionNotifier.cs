using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using SessionLab.Sessions;
using SessionLab.Sessions.Grains;

namespace SessionLab.Server.Hubs;

/// <summary>
/// Delivers a grain's events through the hub context. Sends after an event is persisted are never cancelled by the
/// caller going away: everyone else must still receive it, in order, or their sequence would have a gap.
/// </summary>
internal sealed partial class SignalRSessionNotifier(IHubContext<SessionHub, ISessionClient> hub, ILogger<SignalRSessionNotifier> logger) : ISessionNotifier
{
    public Task AttachAsync(string sessionId, string connectionId, SessionRole role, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(
            connectionId,
            role == SessionRole.Participant ? SessionGroups.Participant(sessionId) : SessionGroups.Team(sessionId),
            cancellationToken);

    public Task SendEventsAsync(string connectionId, IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).Events(events);

    public Task SendParticipantViewAsync(string connectionId, ParticipantView view, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).ParticipantView(view);

    public async Task PublishAsync(string sessionId, SessionEventEnvelope sessionEvent, ParticipantView? participantView, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(SessionGroups.Team(sessionId)).Events([sessionEvent]);
            if (participantView is not null)
            {
                await hub.Clients.Group(SessionGroups.Participant(sessionId)).ParticipantView(participantView);
            }
        }
        catch (Exception error)
        {
            // The event is already durable; a client that missed it gets it on its next reconnect.
            Log.PublishFailed(logger, sessionId, sessionEvent.Sequence, error);
        }
    }

    public async Task PublishPresenceAsync(string sessionId, ImmutableArray<PresenceEntry> people, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(SessionGroups.Team(sessionId)).Presence(people);
        }
        catch (Exception error)
        {
            Log.PresenceFailed(logger, sessionId, error);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Warning, "Session {SessionId}: publishing event {Sequence} failed.")]
        public static partial void PublishFailed(ILogger logger, string sessionId, long sequence, Exception error);

        [LoggerMessage(4102, LogLevel.Warning, "Session {SessionId}: publishing presence failed.")]
        public static partial void PresenceFailed(ILogger logger, string sessionId, Exception error);
    }
}
