using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionLab.Storage;

/// <summary>
/// Opens PostgreSQL at start-up, when it is the configured store, so its tables exist before the server takes requests
/// and a database that cannot be reached stops the start with the reason instead of failing the first request.
/// </summary>
internal sealed class PostgresMigration(IServiceProvider services, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Provider == StorageProvider.Postgres
            ? Task.FromResult(services.GetRequiredService<PostgresDatabase>())
            : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
