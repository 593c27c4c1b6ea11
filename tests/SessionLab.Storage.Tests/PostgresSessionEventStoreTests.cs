using SessionLab.Storage;
using SessionLab.Storage.Tests.Support;

namespace SessionLab.Storage.Tests;

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
        var study = new Study("st_pg", "S", "G", [new StudyTask("t1", "T", "I", "C", 60)], [new TagDefinition("bug", "#b91c1c", 2)], new QuestionnaireSettings(), DateTimeOffset.UtcNow);
        await new PostgresStudyStore(_database!).SaveAsync(study, default);

        var read = await new PostgresStudyStore(_database!).GetAsync("st_pg", default);

        Assert.Equal(("S", "C", "bug"), (read!.Name, read.Tasks[0].SuccessCriteria, read.Tags[0].Name));
        Assert.Single(await new PostgresStudyStore(_database!).ListAsync(default));
    }

    private Task OpenAsync()
    {
        _database = new PostgresDatabase(_connectionString);
        Store = new PostgresSessionEventStore(_database);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NodesThatProposeDifferentKeysAllGetTheFirstOneStored()
    {
        var first = new PostgresSigningKeyStore(_database!);
        await using var otherNode = new PostgresDatabase(_connectionString);
        var second = new PostgresSigningKeyStore(otherNode);

        var kept = first.GetOrAdd("invite-tokens", [1, 2, 3]);
        var seenByOther = second.GetOrAdd("invite-tokens", [9, 9, 9]);

        Assert.Equal([1, 2, 3], kept);
        Assert.Equal(kept, seenByOther);
        Assert.Equal([7], second.GetOrAdd("playback-links", [7]));
    }
}
