using Orleans;
using Orleans.Concurrency;

namespace SessionLab.Sessions;

/// <summary>
/// One per server node: receives a session's events from its grain and hands them to the browsers connected to that
/// node. Calls are one-way and Orleans promises neither delivery nor order, so each carries what the relay needs to
/// drop a duplicate or stale copy and to notice a gap, which it then reads from the log.
/// </summary>
[Alias("SessionLab.ISessionRelay")]
public interface ISessionRelay : IGrainObserver
{
    [OneWay, Alias("Deliver")]
    Task DeliverAsync(SessionDelivery delivery);

    [OneWay, Alias("Presence")]
    Task PresenceAsync(PresenceUpdate update);
}
