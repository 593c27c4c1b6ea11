using System.Collections.Concurrent;
using System.Collections.Immutable;
using SessionLab.Sessions.Grains;

namespace SessionLab.Sessions.Tests.Support;

/// <summary>Stands in for the hub: records what each audience and each connection would have received.</summary>
internal sealed class RecordingNotifier : ISessionNotifier
{
    public ConcurrentQueue<SessionEventEnvelope> TeamEvents { get; } = new();

    public ConcurrentQueue<ParticipantView> ParticipantViews { get; } = new();

    public ConcurrentDictionary<string, ConcurrentQueue<object>> ByConnection { get; } = new();

    public ConcurrentQueue<ImmutableArray<PresenceEntry>> Presence { get; } = new();

    public Task AttachAsync(string sessionId, string connectionId, SessionRole role, CancellationToken cancellationToken)
    {
        ByConnection.TryAdd(connectionId, new ConcurrentQueue<object>());
        return Task.CompletedTask;
    }

    public Task SendEventsAsync(string connectionId, IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            ByConnection[connectionId].Enqueue(e);
        }
        return Task.CompletedTask;
    }

    public Task SendParticipantViewAsync(string connectionId, ParticipantView view, CancellationToken cancellationToken)
    {
        ByConnection[connectionId].Enqueue(view);
        return Task.CompletedTask;
    }

    public Task PublishAsync(string sessionId, SessionEventEnvelope sessionEvent, ParticipantView? participantView, CancellationToken cancellationToken)
    {
        TeamEvents.Enqueue(sessionEvent);
        if (participantView is not null)
        {
            ParticipantViews.Enqueue(participantView);
        }
        return Task.CompletedTask;
    }

    public Task PublishPresenceAsync(string sessionId, ImmutableArray<PresenceEntry> people, CancellationToken cancellationToken)
    {
        Presence.Enqueue(people);
        return Task.CompletedTask;
    }
}
