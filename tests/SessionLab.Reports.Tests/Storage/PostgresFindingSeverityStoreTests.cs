using SessionLab.Reports.Storage;
using SessionLab.Storage;
using SessionLab.Storage.Tests.Support;

namespace SessionLab.Reports.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresFindingSeverityStoreTests(PostgresServerFixture server) : FindingSeverityStoreContract
{
    private readonly List<PostgresDatabase> _databases = [];
    private string _connectionString = "";

    public override async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        Store = await ReopenAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    /// <remarks>A fresh database without the table: the store must create it on first use.</remarks>
    protected override Task<IFindingSeverityStore> ReopenAsync()
    {
        var database = new PostgresDatabase(_connectionString);
        _databases.Add(database);
        return Task.FromResult<IFindingSeverityStore>(new PostgresFindingSeverityStore(database));
    }
}
