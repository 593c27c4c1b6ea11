using Microsoft.Extensions.Logging.Abstractions;
using SessionLab.Sessions.Storage;

namespace SessionLab.Sessions.Tests.Storage;

public sealed class SqliteSessionEventStoreTests : IAsyncLifetime
{
    private static readonly Actor Someone = new("a", "A", SessionRole.Observer);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-tests", Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;
    private SqliteSessionEventStore _store = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "log.db"));
        _store = new SqliteSessionEventStore(_database, NullLogger<SqliteSessionEventStore>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ConcurrentAppendsFromManySessionsAreAllStoredInOrder()
    {
        var sessions = Enumerable.Range(0, 40).Select(i => $"se_{i}").ToArray();
        await Task.WhenAll(sessions.Select(async id =>
        {
            await _store.AppendAsync([Envelope(id, 1, new SessionScheduled("st", "P", "M", null))], default);
            for (var sequence = 2; sequence <= 25; sequence++)
            {
                await _store.AppendAsync([Envelope(id, sequence, new NoteDeleted(Guid.NewGuid()))], default);
            }
        }));

        foreach (var id in sessions)
        {
            var events = await _store.ReadAsync(id, 0, default);
            Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), events.Select(e => e.Sequence));
        }
        Assert.Equal(sessions.Order(StringComparer.Ordinal), (await _store.ListSessionIdsAsync("st", default)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AConflictingAppendFailsAloneAndTheOthersInItsBatchCommit()
    {
        await _store.AppendAsync([Envelope("se_a", 1, new SessionScheduled("st", "P", "M", null))], default);

        var duplicate = _store.AppendAsync([Envelope("se_a", 1, new NoteDeleted(Guid.NewGuid()))], default);
        var gap = _store.AppendAsync([Envelope("se_a", 5, new NoteDeleted(Guid.NewGuid()))], default);
        var fine = _store.AppendAsync([Envelope("se_b", 1, new SessionScheduled("st", "P", "M", null))], default);

        await Assert.ThrowsAsync<SessionLogConflictException>(() => duplicate);
        await Assert.ThrowsAsync<SessionLogConflictException>(() => gap);
        await fine;
        Assert.Single(await _store.ReadAsync("se_a", 0, default));
        Assert.Single(await _store.ReadAsync("se_b", 0, default));
    }

    [Fact]
    public async Task EventsSurviveReopeningTheDatabase()
    {
        await _store.AppendAsync([Envelope("se_a", 1, new SessionScheduled("st", "P", "M", null)), Envelope("se_a", 2, new SessionStarted())], default);
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        _store = new SqliteSessionEventStore(new SqliteDatabase(_database.DatabasePath), NullLogger<SqliteSessionEventStore>.Instance);

        var events = await _store.ReadAsync("se_a", 0, default);
        Assert.IsType<SessionStarted>(events[1].Event);
        Assert.Equal(Someone, events[0].Actor);
    }

    private static SessionEventEnvelope Envelope(string sessionId, long sequence, SessionEvent e) =>
        new(sessionId, sequence, Guid.NewGuid(), DateTimeOffset.UtcNow, Someone, e);
}
