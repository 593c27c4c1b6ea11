namespace SessionLab.Server.Hubs;

/// <summary>Runs the relay's heartbeat: a reactivated grain learns of this node's connections, and lost pushes are repaired.</summary>
internal sealed class RelayHeartbeatService(SessionRelay relay, TimeProvider time) : BackgroundService
{
    /// <summary>Well inside the grain's expiry of a silent relay, so a slow heartbeat or two never drops live connections.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await relay.HeartbeatAsync(stoppingToken);
        }
    }
}
