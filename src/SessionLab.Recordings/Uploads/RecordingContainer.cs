
namespace SessionLab.Recordings;

/// <summary>
/// Creates the blob container at start-up. Storage that is down then does not keep the live-session server from
/// starting: the failure is logged and the first new recording tries again.
/// </summary>
internal sealed class RecordingContainer(IBlobStore store, ILogger<RecordingContainer> logger) : IHostedService
{
    private volatile bool _ready;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await store.CreateContainerIfNotExistsAsync(cancellationToken);
            _ready = true;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAsync(cancellationToken);
        }
        catch (Exception error) when (error is BlobStoreException or HttpRequestException or IOException)
        {
            RecordingsLog.ContainerNotReady(logger, error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
