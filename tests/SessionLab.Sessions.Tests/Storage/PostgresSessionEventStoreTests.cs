using SessionLab.Sessions.Storage;
using SessionLab.Sessions.Tests.Support;

namespace SessionLab.Sessions.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionEventStoreTests(PostgresServerFixture server) : SessionEventStoreContract
{
    private string _connectionString = "";
    private PostgresDatabase? _database;

    public override async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        await OpenAsync();
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
        await OpenAsync();
    }

    [Fact]
    public async Task StudiesRoundTripThroughPostgres()
    {
        var study = Studies.StudyValidator.Create(new StudyDraft("S", "G", [new StudyTaskDraft("T", "I", "C", 60)], [new TagDefinition("bug", "#b91c1c", 2)], null), "st_pg", DateTimeOffset.UtcNow, out _)!;
        await new PostgresStudyStore(_database!).SaveAsync(study, default);

        var read = await new PostgresStudyStore(_database!).GetAsync("st_pg", default);

        Assert.Equal(("S", "C", "bug"), (read!.Name, read.Tasks[0].SuccessCriteria, read.Tags[0].Name));
        Assert.Single(await new PostgresStudyStore(_database!).ListAsync(default));
    }

    private async Task OpenAsync()
    {
        _database = new PostgresDatabase(_connectionString);
        await _database.MigrateAsync(default);
        Store = new PostgresSessionEventStore(_database);
    }
}
