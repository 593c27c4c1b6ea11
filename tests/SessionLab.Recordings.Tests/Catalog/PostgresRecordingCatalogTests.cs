using SessionLab.Recordings;
using SessionLab.Storage;
using SessionLab.Storage.Tests.Support;

namespace SessionLab.Recordings.Tests.Catalog;

public sealed class PostgresRecordingCatalogTests(PostgresServerFixture postgres) : RecordingCatalogContractTests, IClassFixture<PostgresServerFixture>
{
    private PostgresDatabase? _database;

    protected override async Task<IRecordingCatalog> CreateCatalogAsync()
    {
        _database = new PostgresDatabase(await postgres.CreateDatabaseAsync());
        return new PostgresRecordingCatalog(_database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
