using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionLab.Sessions.Runtime;
using SessionLab.Sessions.Storage;
using SessionLab.Sessions.Studies;

namespace SessionLab.Sessions.Tests.Support;

/// <summary>
/// A grain runtime over a real SQLite log in a fresh folder. <see cref="RestartAsync"/> builds a new runtime on the
/// same files, as a process restart would.
/// </summary>
internal sealed class SessionTestHost : IAsyncDisposable
{
    public static readonly Actor Moderator = new("mod", "Morgan", SessionRole.Moderator);
    public static readonly Actor Observer = new("obs1", "Olu", SessionRole.Observer);
    public static readonly Actor OtherObserver = new("obs2", "Oksana", SessionRole.Observer);
    public static readonly Actor Participant = new("par", "Participant", SessionRole.Participant);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-tests", Guid.NewGuid().ToString("N"));
    private SqliteSessionEventStore _store = null!;

    private SessionTestHost()
    {
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public RecordingNotifier Notifier { get; private set; } = new();

    public SessionGrainRuntime Runtime { get; private set; } = null!;

    public SqliteSessionEventStore Store => _store;

    public SqliteStudyStore Studies { get; private set; } = null!;

    public Study Study { get; private set; } = null!;

    public static async Task<SessionTestHost> StartAsync(TimeSpan? idleTimeout = null)
    {
        var host = new SessionTestHost();
        host.Open(idleTimeout);
        host.Study = StudyValidator.Create(
            new StudyDraft(
                "Checkout",
                "Can people pay?",
                [
                    new StudyTaskDraft("Find a jacket", "Find a jacket under €150.", "Opens a jacket page.", 120),
                    new StudyTaskDraft("Check out", "Buy it.", "Reaches payment.", null),
                ],
                [new TagDefinition("confusion", "#b45309", 1), new TagDefinition("quote", "#1d4ed8", 2)],
                null),
            "st_test",
            host.Clock.GetUtcNow(),
            out _)!;
        await host.Studies.SaveAsync(host.Study, CancellationToken.None);
        return host;
    }

    public ISessionGrain Grain(string sessionId) => Runtime.GetSessionGrain(sessionId);

    /// <summary>A scheduled session, live when <paramref name="start"/> is set.</summary>
    public async Task<ISessionGrain> NewSessionAsync(bool start = true)
    {
        var grain = Grain("se_" + Guid.NewGuid().ToString("N")[..10]);
        Expect(await grain.ScheduleAsync(Moderator, new ScheduleSessionRequest(Guid.NewGuid(), Study.Id, "P1", "Morgan", null), default));
        if (start)
        {
            Expect(await grain.StartSessionAsync(Moderator, new StartSessionRequest(Guid.NewGuid()), default));
        }
        return grain;
    }

    public static AddNoteRequest Note(string text, long offsetMs = 0, params string[] tags) =>
        new(Guid.NewGuid(), Guid.NewGuid(), offsetMs, text, [.. tags], NoteKind.Observation);

    public static long Expect(CommandResult result)
    {
        Assert.True(result.Ok, $"Expected the command to be accepted but got {result.Error?.Code}: {result.Error?.Message}");
        return result.Sequence!.Value;
    }

    public static void ExpectRefused(CommandResult result, SessionErrorCode code)
    {
        Assert.False(result.Ok, $"Expected {code} but the command was accepted as event {result.Sequence}.");
        Assert.Equal(code, result.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    /// <summary>Records compare their immutable collections by reference; JSON compares what a client would see.</summary>
    public static string Snapshot(SessionState? state) => JsonSerializer.Serialize(state, SessionJson.Options);

    public async Task RestartAsync()
    {
        await _store.DisposeAsync();
        Notifier = new RecordingNotifier();
        Open(null);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Open(TimeSpan? idleTimeout)
    {
        var database = new SqliteDatabase(Path.Combine(_folder, "sessionlab.db"));
        _store = new SqliteSessionEventStore(database, NullLogger<SqliteSessionEventStore>.Instance);
        Studies = new SqliteStudyStore(database);
        Runtime = new SessionGrainRuntime(
            _store,
            Studies,
            Notifier,
            Clock,
            Options.Create(new GrainRuntimeOptions { IdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(10) }),
            NullLoggerFactory.Instance);
    }
}
