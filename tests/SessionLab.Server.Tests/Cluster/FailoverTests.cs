using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using SessionLab.Sessions;
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

    private KillableCluster _cluster = null!;
    private IReadOnlyList<ClusterNode> _nodes = [];

    public async Task InitializeAsync()
    {
        _cluster = await KillableCluster.StartAsync(3);
        _nodes = _cluster.Nodes;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

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

        var victim = await _cluster.NodeHoldingAsync("session", sessionId);
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
