using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using SessionLab.Sessions.Grains;
using SessionLab.Sessions.Studies;
using SessionLab.Storage;

namespace SessionLab.Sessions.Tests.Support;

/// <summary>
/// Session grains in a real two-silo Orleans cluster (Orleans.TestingHost) over a real SQLite log in a fresh folder.
/// Both silos share the log, as the nodes of a deployment share PostgreSQL. <see cref="RestartAsync"/> stops the
/// whole cluster and starts a new one on the same files, as restarting every server would.
/// </summary>
internal sealed class SessionTestHost : IAsyncDisposable
{
    public static readonly Actor Moderator = new("mod", "Morgan", SessionRole.Moderator);
    public static readonly Actor Observer = new("obs1", "Olu", SessionRole.Observer);
    public static readonly Actor OtherObserver = new("obs2", "Oksana", SessionRole.Observer);
    public static readonly Actor Participant = new("par", "Participant", SessionRole.Participant);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-tests", Guid.NewGuid().ToString("N"));
    private readonly Func<ISessionEventStore, ISessionEventStore> _wrapStore;
    private SqliteSessionEventStore _store = null!;

    private SessionTestHost(Func<ISessionEventStore, ISessionEventStore>? wrapStore) =>
        _wrapStore = wrapStore ?? (store => store);

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>What the grains write to: the SQLite log, behind whatever the test wrapped it in.</summary>
    public ISessionEventStore Log { get; private set; } = null!;

    public SqliteSessionEventStore Store => _store;

    public SqliteStudyStore Studies { get; private set; } = null!;

    public RecordingRelay Relay { get; private set; } = null!;

    /// <summary>The relay's reference, as a server node passes it when a browser joins.</summary>
    public ISessionRelay RelayReference { get; private set; } = null!;

    public Study Study { get; private set; } = null!;

    /// <summary>The session's command budget: large, unless a test of the budget lowers it.</summary>
    public int CommandBurst { get; init; } = 10_000;

    public int CommandsPerSecond { get; init; } = 10_000;

    public static async Task<SessionTestHost> StartAsync(Func<ISessionEventStore, ISessionEventStore>? wrapStore = null, int commandBurst = 10_000, int commandsPerSecond = 10_000)
    {
        var host = new SessionTestHost(wrapStore) { CommandBurst = commandBurst, CommandsPerSecond = commandsPerSecond };
        host.OpenStore();
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
        await host.StartClusterAsync();
        return host;
    }

    public ISessionGrain Grain(string sessionId) => Cluster.Client.GetGrain<ISessionGrain>(sessionId);

    /// <summary>The same grain as seen from inside one silo, as that node's hub would call it.</summary>
    public ISessionGrain GrainFromSilo(int silo, string sessionId) =>
        Cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(sessionId);

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

    /// <summary>Attaches a connection through this host's relay, as a browser joining on a node would, through the role's link.</summary>
    public Task<ConnectResult> ConnectAsync(ISessionGrain grain, string connectionId, Actor actor, long lastSeen = 0, string? inviteId = null) =>
        grain.ConnectAsync(new SessionConnection(connectionId, actor, lastSeen, RelayReference, inviteId ?? actor.Role + "-link"), default);

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
        await StopClusterAsync();
        await _store.DisposeAsync();
        OpenStore();
        await StartClusterAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopClusterAsync();
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

    private void OpenStore()
    {
        var database = new SqliteDatabase(Path.Combine(_folder, "sessionlab.db"));
        _store = new SqliteSessionEventStore(database, NullLogger<SqliteSessionEventStore>.Instance);
        Log = _wrapStore(_store);
        Studies = new SqliteStudyStore(database);
    }

    private async Task StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Log);
            silo.Services.AddSingleton<IStudyStore>(Studies);
            silo.Services.AddKeyedSingleton<TimeProvider>(SessionsServiceCollectionExtensions.SessionClockKey, Clock);
            silo.Services.Configure<SessionGrainOptions>(o => (o.CommandBurst, o.CommandsPerSecond) = (CommandBurst, CommandsPerSecond));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Relay = new RecordingRelay();
        RelayReference = Cluster.Client.CreateObjectReference<ISessionRelay>(Relay);
    }

    private async Task StopClusterAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
    }
}
