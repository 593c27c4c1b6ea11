using SessionLab.Storage.Sharing;
using SessionLab.Storage.Tests.Support;

namespace SessionLab.Storage.Tests.Sharing;

[Collection(PostgresCollection.Name)]
public sealed class PostgresShareLinkStoreTests(PostgresServerFixture server) : ShareLinkStoreContract
{
    private string _connectionString = "";
    private PostgresDatabase? _database;
    private PostgresShareLinkStore _store = null!;

    protected override IShareLinkStore Store => _store;

    public override async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        Open();
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task ReopenAsync()
    {
        await _database!.DisposeAsync();
        Open();
    }

    private void Open()
    {
        _database = new PostgresDatabase(_connectionString);
        _store = new PostgresShareLinkStore(_database);
    }
}
