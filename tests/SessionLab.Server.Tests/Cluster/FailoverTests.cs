using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SessionLab.Sessions;
using SessionLab.Storage.Tests.Support;
using Xunit.Abstractions;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// Three server processes in one cluster on Redis membership. Notes flow from clients on every node while the node that
/// holds the session's grain is killed with SIGKILL: the session must come back on a survivor, the clients of the dead
/// node re-join elsewhere, and every note the server acknowledged must be in the log exactly once.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int NotesPerObserverBefore = 8;
    private const int NotesPerObserverAfter = 8;

    private readonly PostgresServerFixture _postgres = new();
    private readonly RedisServerFixture _redis = new();
    private readonly List<ClusterNode> _nodes = [];
    private readonly string _clusterId = "three-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _orleansClient;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _redis.InitializeAsync());
        var database = await _postgres.CreateDatabaseAsync();
        for (var i = 0; i < 3; i++)
        {
            _nodes.Add(await ClusterNode.StartAsync("Redis", _redis.ConnectionString, _clusterId, database));
        }
        _orleansClient = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.UseRedisClustering(_redis.ConnectionString);
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, "sessionlab"));
            })
            .Build();
        await _orleansClient.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_orleansClient is not null)
        {
            try
            {
                await _orleansClient.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (OperationCanceledException)
            {
            }
            _orleansClient.Dispose();
        }
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task KillingTheNodeThatHoldsASessionLosesNoAcknowledgedNoteAndTheSessionGoesOn()
    {
        var (sessionId, invites) = await ClusterSetup.NewSessionAsync(_nodes[0].BaseUrl);
        await using var moderator = await HubClient.JoinAsync(_nodes[0].BaseUrl, invites[SessionRole.Moderator], "Mo");
        Assert.True((await moderator.InvokeAsync("StartSession", new StartSessionRequest(Guid.NewGuid()))).Ok);
        var observers = new List<HubClient>();
        for (var i = 0; i < _nodes.Count; i++)
        {
            observers.Add(await HubClient.JoinAsync(_nodes[i].BaseUrl, invites[SessionRole.Observer], $"Observer on node {i}"));
        }

        var victim = await NodeHoldingAsync(sessionId);
        var survivors = _nodes.Where(n => n != victim).ToList();
        output.WriteLine($"The session's grain is on the node with silo port {victim.SiloPort}.");

        var acknowledged = new ConcurrentDictionary<string, long>();
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAfterKill = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        var writers = observers.Select((observer, index) => Task.Run(async () =>
        {
            for (var n = 0; n < NotesPerObserverBefore + NotesPerObserverAfter; n++)
            {
                if (n == NotesPerObserverBefore)
                {
                    await killed.Task;
                }
                var text = $"note {n} from observer {index}";
                var sequence = await observer.AddNoteUntilAcknowledgedAsync(text, () => RejoinIfDisconnectedAsync(observer, survivors));
                acknowledged[text] = sequence;
                if (killed.Task.IsCompleted)
                {
                    firstAfterKill.TrySetResult(clock.Elapsed);
                }
            }
        })).ToList();

        await WaitUntilAsync(() => acknowledged.Count >= observers.Count * NotesPerObserverBefore);
        clock.Start();
        await victim.KillAsync();
        killed.SetResult();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(3));
        output.WriteLine($"First note acknowledged {(await firstAfterKill.Task).TotalSeconds:0.0} s after the kill; all {acknowledged.Count} notes in {clock.Elapsed.TotalSeconds:0.0} s.");

        using var http = new HttpClient { BaseAddress = survivors[0].BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", invites[SessionRole.Moderator]);
        var log = (await http.GetFromJsonAsync<List<SessionEventEnvelope>>($"/api/sessions/{sessionId}/events", SessionJson.Options))!;
        var notes = log.Where(e => e.Event is NoteAdded).ToLookup(e => ((NoteAdded)e.Event).Text);
        Assert.Equal(observers.Count * (NotesPerObserverBefore + NotesPerObserverAfter), acknowledged.Count);
        foreach (var (text, sequence) in acknowledged)
        {
            var stored = Assert.Single(notes[text]);
            Assert.Equal(sequence, stored.Sequence);
        }
        Assert.Equal(log.Select(e => e.Sequence), Enumerable.Range(1, log.Count).Select(i => (long)i));

        var head = log[^1].Sequence;
        foreach (var observer in observers)
        {
            await RejoinIfDisconnectedAsync(observer, survivors);
            await observer.WaitForSequenceAsync(head);
            ClusterSetup.AssertEveryEventOnceInOrder(observer, head);
            await observer.DisposeAsync();
        }
    }

    private async Task<ClusterNode> NodeHoldingAsync(string sessionId)
    {
        var management = _orleansClient!.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var activation = Assert.Single(
            await management.GetDetailedGrainStatistics(),
            a => a.GrainId.Type.ToString() == "session" && a.GrainId.Key.ToString() == sessionId);
        return _nodes.Single(n => n.SiloPort == activation.SiloAddress.Endpoint.Port);
    }

    private static async Task RejoinIfDisconnectedAsync(HubClient client, List<ClusterNode> survivors)
    {
        if (client.IsConnected)
        {
            return;
        }
        try
        {
            await client.RejoinAsync(survivors[Random.Shared.Next(survivors.Count)].BaseUrl);
        }
        catch (Exception)
        {
            // The session is still coming back on a survivor; the next retry tries again.
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The notes before the kill were not acknowledged within a minute.");
            }
            await Task.Delay(20);
        }
    }
}
