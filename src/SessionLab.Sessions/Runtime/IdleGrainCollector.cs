using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionLab.Sessions.Runtime;

/// <summary>Periodically deactivates idle session grains, as Orleans' activation collector does.</summary>
internal sealed class IdleGrainCollector(SessionGrainRuntime runtime, IOptions<GrainRuntimeOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            runtime.CollectIdle();
        }
    }
}
