using Microsoft.Data.Sqlite;
using SessionLab.Reports.Storage;
using SessionLab.Storage;

namespace SessionLab.Reports.Tests.Storage;

public sealed class SqliteFindingSeverityStoreTests : FindingSeverityStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-severities", Guid.NewGuid().ToString("N"));

    public override Task InitializeAsync()
    {
        Store = new SqliteFindingSeverityStore(new SqliteDatabase(Path.Combine(_folder, "sessionlab.db")));
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<IFindingSeverityStore> ReopenAsync() =>
        Task.FromResult<IFindingSeverityStore>(new SqliteFindingSeverityStore(new SqliteDatabase(Path.Combine(_folder, "sessionlab.db"))));
}
