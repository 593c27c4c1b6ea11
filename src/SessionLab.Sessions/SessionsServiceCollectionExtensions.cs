using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionLab.Sessions.Runtime;
using SessionLab.Sessions.Storage;

namespace SessionLab.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded session store (SQLite in the configured data folder) and the in-process grain runtime.
    /// The caller registers an <see cref="Grains.ISessionNotifier"/>.
    /// </summary>
    public static IServiceCollection AddSessionGrains(this IServiceCollection services)
    {
        services.AddSessionStorage();
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.SectionName)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.CollectionInterval > TimeSpan.Zero, "Grain timeouts must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SessionGrainRuntime>();
        services.AddSingleton<ISessionGrainFactory>(sp => sp.GetRequiredService<SessionGrainRuntime>());
        services.AddHostedService<IdleGrainCollector>();
        return services;
    }

    /// <summary>
    /// Registers only the stores (studies and session logs) for the configured provider: what a reader of persisted
    /// sessions needs, such as the command line, without grains that would accept commands.
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
        services.TryAddTimeProvider();
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
        return services;
    }

    /// <summary>Whether the configured store is PostgreSQL; features with tables of their own pick their implementation by it.</summary>
    public static bool UsesPostgres(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres;

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
