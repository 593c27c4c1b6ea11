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
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must name a folder.")
            .ValidateOnStart();
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.SectionName)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.CollectionInterval > TimeSpan.Zero, "Grain timeouts must be positive.")
            .ValidateOnStart();
        services.TryAddTimeProvider();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return new SqliteDatabase(Path.Combine(Path.GetFullPath(options.DataDirectory, root), options.DatabaseFileName));
        });
        services.AddSingleton<SqliteSessionEventStore>();
        services.AddSingleton<ISessionEventStore>(sp => sp.GetRequiredService<SqliteSessionEventStore>());
        services.AddSingleton<IStudyStore, SqliteStudyStore>();
        services.AddSingleton<SessionGrainRuntime>();
        services.AddSingleton<ISessionGrainFactory>(sp => sp.GetRequiredService<SessionGrainRuntime>());
        services.AddHostedService<IdleGrainCollector>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
