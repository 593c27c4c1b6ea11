using Npgsql;
using SessionLab.Storage.Tests.Support;

namespace SessionLab.Storage.Tests.Studies;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStudyStoreTests(PostgresServerFixture server) : StudyStoreContract
{
    private readonly List<PostgresDatabase> _databases = [];
    private string _connectionString = "";

    public override async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        Store = Open();
    }

    public override async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    protected override IStudyStore OpenOtherNode() => Open();

    protected override async Task OpenOverEarlierReleaseAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        {
            await using (var create = dataSource.CreateCommand("CREATE TABLE studies (id text PRIMARY KEY, created_at timestamptz NOT NULL, document jsonb NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync();
            }
            await using var insert = dataSource.CreateCommand("INSERT INTO studies VALUES ('st_old', '2026-10-01T09:00:00Z', $1::jsonb)");
            insert.Parameters.Add(new NpgsqlParameter { Value = LegacyDocument });
            await insert.ExecuteNonQueryAsync();
        }
        Store = Open();
    }

    private CachedStudyStore Open()
    {
        var database = new PostgresDatabase(_connectionString);
        _databases.Add(database);
        return new CachedStudyStore(new PostgresStudyStore(database));
    }
}
