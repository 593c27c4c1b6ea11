using System.Collections.Concurrent;

namespace SessionLab.Sessions.Tests.Support;

/// <summary>Stands in for a server node's relay: records every push a session grain sends to it.</summary>
internal sealed class RecordingRelay : ISessionRelay
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public ConcurrentQueue<SessionDelivery> Deliveries { get; } = new();

    public ConcurrentQueue<PresenceUpdate> Presence { get; } = new();

    public IEnumerable<SessionEventEnvelope> Events => Deliveries.Select(d => d.Event);

    public IEnumerable<ParticipantView> ParticipantViews => Deliveries.Select(d => d.ParticipantView).OfType<ParticipantView>();

    public Task DeliverAsync(SessionDelivery delivery)
    {
        Deliveries.Enqueue(delivery);
        return Task.CompletedTask;
    }

    public Task PresenceAsync(PresenceUpdate update)
    {
        Presence.Enqueue(update);
        return Task.CompletedTask;
    }

    /// <summary>Pushes are one-way messages: wait, with a bound, until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up after {Patience.TotalSeconds:0} s waiting for {what}.");
            }
            await Task.Delay(10);
        }
    }

    public Task WaitForEventAsync(long sequence) =>
        WaitUntilAsync(() => Events.Any(e => e.Sequence == sequence), $"event {sequence}");

    /// <summary>The newest presence the relay holds, as a relay keeps it: the update with the highest version.</summary>
    public PresenceUpdate? LatestPresence => Presence.MaxBy(p => p.Version);
}
