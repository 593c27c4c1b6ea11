using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionLab.Storage.Sharing;

namespace SessionLab.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores (studies, their view-only links, session logs, signing keys) for the configured provider: what the grains, the
    /// reports and a reader of persisted sessions such as the command line need. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSessionStorage(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            return services;
        }
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must name a folder.")
            .Validate(o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.PostgresConnectionString), "Storage:PostgresConnectionString is required when Storage:Provider is Postgres.")
            .ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
        services.AddSingleton(sp =>
        {
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqliteDatabasePath(root));
        });
        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString!));
        services.AddHostedService<PostgresMigration>();
        services.AddSingleton<SqliteSessionEventStore>();
        services.AddSingleton<ISessionEventStore>(sp => UsesPostgres(sp)
            ? new PostgresSessionEventStore(sp.GetRequiredService<PostgresDatabase>())
            : sp.GetRequiredService<SqliteSessionEventStore>());
        services.AddSingleton<IStudyStore>(sp => new CachedStudyStore(UsesPostgres(sp)
            ? new PostgresStudyStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteStudyStore(sp.GetRequiredService<SqliteDatabase>())));
        services.AddSingleton<IStudyLifecycleStore>(sp => UsesPostgres(sp)
            ? new PostgresStudyLifecycleStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteStudyLifecycleStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IShareLinkStore>(sp => UsesPostgres(sp)
            ? new PostgresShareLinkStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteShareLinkStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ISigningKeyStore>(sp => UsesPostgres(sp)
            ? new PostgresSigningKeyStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteSigningKeyStore(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }

    /// <summary>Whether the configured store is PostgreSQL; features with tables of their own pick their implementation by it.</summary>
    public static bool UsesPostgres(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres;
}
