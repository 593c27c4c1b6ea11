using Microsoft.Extensions.Options;
using SessionLab.Storage;

namespace SessionLab.Recordings;

/// <summary>
/// Creates the recordings catalog's tables before the server takes requests, in whichever store is configured. On
/// PostgreSQL it also brings over the catalog an earlier version kept in the data folder's SQLite file whatever the
/// provider, so that a deployment's existing recordings stay listed after the upgrade.
/// </summary>
internal sealed class RecordingCatalogMigration(
    IRecordingCatalog catalog, IOptions<StorageOptions> storage, IServiceProvider services, ILogger<RecordingCatalogMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.CreateSchemaAsync(cancellationToken);
        if (catalog is PostgresRecordingCatalog postgres)
        {
            await ImportSqliteCatalogAsync(postgres, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ImportSqliteCatalogAsync(PostgresRecordingCatalog postgres, CancellationToken cancellationToken)
    {
        // The same file the SQLite provider would open; never created here when it is not there.
        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        var path = storage.Value.SqliteDatabasePath(root);
        if (!File.Exists(path))
        {
            return;
        }

        var (recordings, clipWindows) = await new SqliteRecordingCatalog(new SqliteDatabase(path)).ReadAllAsync(cancellationToken);
        if (recordings.Count + clipWindows.Count == 0)
        {
            return;
        }

        // Rows PostgreSQL already has are kept: after the first start they are the newer ones.
        var (addedRecordings, addedWindows) = await postgres.ImportAsync(recordings, clipWindows, cancellationToken);
        if (addedRecordings + addedWindows > 0)
        {
            RecordingsLog.CatalogImported(logger, addedRecordings, addedWindows, path);
        }
    }
}
