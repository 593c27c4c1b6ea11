using SessionLab.Storage;

namespace SessionLab.Storage.Tests;

/// <summary>What every session log must do, whichever database keeps it. Each store's test class derives from this.</summary>
public abstract class SessionEventStoreContract : IAsyncLifetime
{
    private static readonly Actor Someone = new("a", "A", SessionRole.Observer);

    protected ISessionEventStore Store { get; set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Closes the store and opens a new one on the same database, as a restart would.</summary>
    protected abstract Task ReopenAsync();

    [Fact]
    public async Task ConcurrentAppendsFromManySessionsAreAllStoredInOrder()
    {
        var sessions = Enumerable.Range(0, 40).Select(i => $"se_{i}").ToArray();
        await Task.WhenAll(sessions.Select(async id =>
        {
            await Store.AppendAsync([Envelope(id, 1, new SessionScheduled("st", "P", "M", null))], default);
            for (var sequence = 2; sequence <= 25; sequence++)
            {
                await Store.AppendAsync([Envelope(id, sequence, new NoteDeleted(Guid.NewGuid()))], default);
            }
        }));

        foreach (var id in sessions)
        {
            var events = await Store.ReadAsync(id, 0, default);
            Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), events.Select(e => e.Sequence));
        }
        Assert.Equal(sessions.Order(StringComparer.Ordinal), (await Store.ListSessionIdsAsync("st", default)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AConflictingAppendFailsAloneAndOthersCommit()
    {
        await Store.AppendAsync([Envelope("se_a", 1, new SessionScheduled("st", "P", "M", null))], default);

        var duplicate = Store.AppendAsync([Envelope("se_a", 1, new NoteDeleted(Guid.NewGuid()))], default);
        var gap = Store.AppendAsync([Envelope("se_a", 5, new NoteDeleted(Guid.NewGuid()))], default);
        var fine = Store.AppendAsync([Envelope("se_b", 1, new SessionScheduled("st", "P", "M", null))], default);

        await Assert.ThrowsAsync<SessionLogConflictException>(() => duplicate);
        await Assert.ThrowsAsync<SessionLogConflictException>(() => gap);
        await fine;
        Assert.Single(await Store.ReadAsync("se_a", 0, default));
        Assert.Single(await Store.ReadAsync("se_b", 0, default));
    }

    [Fact]
    public async Task ReadingAfterASequenceReturnsOnlyLaterEvents()
    {
        await Store.AppendAsync([Envelope("se_a", 1, new SessionScheduled("st", "P", "M", null)), Envelope("se_a", 2, new SessionStarted()), Envelope("se_a", 3, new SessionEnded(10))], default);

        Assert.Equal([3L], (await Store.ReadAsync("se_a", 2, default)).Select(e => e.Sequence));
        Assert.Empty(await Store.ReadAsync("se_a", 3, default));
        Assert.Empty(await Store.ReadAsync("se_unknown", 0, default));
    }

    [Fact]
    public async Task EventsSurviveReopeningTheDatabaseUnchanged()
    {
        var note = new NoteAdded(Guid.NewGuid(), 1234, "Said \"where's the basket?\" — ünïcödé", ["quote"], NoteKind.Quote, "t1");
        var written = Envelope("se_a", 2, note);
        await Store.AppendAsync([Envelope("se_a", 1, new SessionScheduled("st", "P", "M", null)), written], default);

        await ReopenAsync();

        var events = await Store.ReadAsync("se_a", 0, default);
        var read = Assert.IsType<NoteAdded>(events[1].Event);
        Assert.Equal((note.NoteId, note.Text, note.Kind, note.TaskId, note.ClockOffsetMs), (read.NoteId, read.Text, read.Kind, read.TaskId, read.ClockOffsetMs));
        Assert.Equal<string>(note.Tags, read.Tags);
        Assert.Equal((written.CommandId, written.RecordedAt, Someone), (events[1].CommandId, events[1].RecordedAt, events[1].Actor));
    }

    private static SessionEventEnvelope Envelope(string sessionId, long sequence, SessionEvent e) =>
        new(sessionId, sequence, Guid.NewGuid(), new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), Someone, e);
}
