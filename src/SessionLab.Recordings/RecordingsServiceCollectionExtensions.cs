using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionLab.Reports;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Recordings;

public static class RecordingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers recording storage (Azure Blob Storage or a local folder), the recording catalog of the configured store, clip planning and
    /// ffmpeg export, and creates the blob container at start-up.
    /// </summary>
    public static IServiceCollection AddSessionLabRecordings(this IServiceCollection services, IConfiguration configuration)
    {
        // Registered before the storage's own signer, which it replaces: every node signs playback links with the one
        // stored key, so a link made on one node plays on another and after a restart.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RecordingStorageOptions>>().Value;
            var key = options.PlaybackSigningKey is { Length: > 0 } configured
                ? Convert.FromBase64String(configured)
                : sp.GetRequiredService<ISigningKeyStore>().GetOrAdd("playback-links", RandomNumberGenerator.GetBytes(32));
            return new PlaybackUrlSigner(key, options.PlaybackPath, sp.GetRequiredService<TimeProvider>());
        });
        services.AddRecordingStorage(configuration);

        // Without a configured folder, local recordings live in the server's data folder beside its database, so a
        // fresh data folder (each test, each demo) starts with no recordings and leaves none in the content root.
        services.AddOptions<RecordingStorageOptions>().Configure<IConfiguration, IOptions<StorageOptions>, IHostEnvironment>((options, config, storage, environment) =>
        {
            if (string.IsNullOrWhiteSpace(config[$"{RecordingStorageOptions.SectionName}:{nameof(RecordingStorageOptions.LocalPath)}"]))
            {
                options.LocalPath = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory, environment.ContentRootPath), "recordings");
            }
        });
        services.AddOptions<ClipExportOptions>().BindConfiguration(ClipExportOptions.SectionName)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.MaxConcurrentExports > 0, "Recordings:Export:Timeout and MaxConcurrentExports must be positive.")
            .ValidateOnStart();
        services.AddRecordingCatalog();
        services.AddSingleton<PlaybackLinks>();
        services.AddSingleton<FfmpegClipExporter>();
        services.AddSingleton<RecordingContainer>();
        // A host that knows who owns a study replaces these: the server counts recordings against the workspace's
        // quota and writes uploads and exports to its audit log.
        services.TryAddSingleton<IStorageQuota, NoStorageQuota>();
        services.TryAddSingleton<IActivityLog, NoActivityLog>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingContainer>());
        return services;
    }

    /// <summary>
    /// Registers the recordings catalog of the configured store (PostgreSQL when <c>Storage:Provider</c> is Postgres,
    /// else SQLite), the start-up migration that creates its tables, and what it tells reports (which notes a
    /// recording covers).
    /// </summary>
    public static IServiceCollection AddRecordingCatalog(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IRecordingCatalog)))
        {
            return services;
        }
        services.AddSessionStorage();
        services.AddSingleton<IRecordingCatalog>(sp => sp.UsesPostgres()
            ? new PostgresRecordingCatalog(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteRecordingCatalog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddHostedService<RecordingCatalogMigration>();
        services.AddSingleton<IRecordingCoverage, RecordingCoverage>();
        return services;
    }
}
