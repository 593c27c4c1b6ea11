namespace SessionLab.Server.Recordings;

/// <summary>Creates the recordings catalog's tables before the server takes requests, in whichever store is configured.</summary>
internal sealed class RecordingCatalogMigration(IRecordingCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => catalog.CreateSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
