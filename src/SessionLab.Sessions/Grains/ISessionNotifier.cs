using System.Collections.Immutable;

namespace SessionLab.Sessions.Grains;

/// <summary>
/// How a session grain reaches connected browsers, called from inside the grain's turn so every client sees
/// events in sequence order. Implemented over the SignalR hub context by the server.
/// </summary>
public interface ISessionNotifier
{
    Task AttachAsync(string sessionId, string connectionId, SessionRole role, CancellationToken cancellationToken);

    Task SendEventsAsync(string connectionId, IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken);

    Task SendParticipantViewAsync(string connectionId, ParticipantView view, CancellationToken cancellationToken);

    /// <summary>The event goes to moderator and observers; the participant view, when the event changed it, to the participant.</summary>
    Task PublishAsync(string sessionId, SessionEventEnvelope sessionEvent, ParticipantView? participantView, CancellationToken cancellationToken);

    Task PublishPresenceAsync(string sessionId, ImmutableArray<PresenceEntry> people, CancellationToken cancellationToken);
}
