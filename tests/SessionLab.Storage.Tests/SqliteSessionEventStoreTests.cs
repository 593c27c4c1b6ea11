using Microsoft.Extensions.Logging.Abstractions;
using SessionLab.Storage;

namespace SessionLab.Storage.Tests;

public sealed class SqliteSessionEventStoreTests : SessionEventStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "log.db");

    public override Task InitializeAsync()
    {
        Store = new SqliteSessionEventStore(new SqliteDatabase(DatabasePath), NullLogger<SqliteSessionEventStore>.Instance);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await ((SqliteSessionEventStore)Store).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override async Task ReopenAsync()
    {
        await ((SqliteSessionEventStore)Store).DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await InitializeAsync();
    }

    [Fact]
    public async Task TheStoredSigningKeyOutlivesARestart()
    {
        var kept = new SqliteSigningKeyStore(new SqliteDatabase(DatabasePath)).GetOrAdd("invite-tokens", [1, 2, 3]);
        await ReopenAsync();

        var afterRestart = new SqliteSigningKeyStore(new SqliteDatabase(DatabasePath)).GetOrAdd("invite-tokens", [4, 5, 6]);

        Assert.Equal([1, 2, 3], kept);
        Assert.Equal(kept, afterRestart);
    }
}
