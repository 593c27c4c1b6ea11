using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionLab.Storage;

/// <summary>Creates the PostgreSQL tables before the server takes requests, when PostgreSQL is the configured store.</summary>
internal sealed class PostgresMigration(IServiceProvider services, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Provider == StorageProvider.Postgres
            ? services.GetRequiredService<PostgresDatabase>().MigrateAsync(cancellationToken)
            : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
