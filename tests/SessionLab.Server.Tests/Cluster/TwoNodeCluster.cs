using System.Net.Http.Headers;
using Azure.Data.Tables;
using System.Net.Http.Json;
using SessionLab.Server.Apis;
using SessionLab.Sessions;
using SessionLab.Storage.Tests.Support;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// Two SessionLab server processes forming one Orleans cluster through Azurite's table service, both keeping
/// everything in one real PostgreSQL: what a team that outgrew one server runs.
/// </summary>
public class TwoNodeCluster : IAsyncLifetime
{
    private readonly PostgresServerFixture _postgres = new();
    private readonly AzuriteTableFixture _membership = new();
    private ClusterNode? _first;
    private ClusterNode? _second;

    internal ClusterNode First => _first!;

    internal ClusterNode Second => _second!;

    /// <summary>Settings both nodes start with, beyond those every node gets.</summary>
    protected virtual IReadOnlyList<string> NodeArguments => [];

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _membership.InitializeAsync());
        var database = await _postgres.CreateDatabaseAsync();
        var clusterId = "two-" + Guid.NewGuid().ToString("N")[..8];
        // One after the other: the first creates the tables and the sample study, as a rolling start would.
        _first = await ClusterNode.StartAsync("AzureStorage", _membership.ConnectionString, clusterId, database, NodeArguments);
        _second = await ClusterNode.StartAsync("AzureStorage", _membership.ConnectionString, clusterId, database, NodeArguments);
        await WaitForActiveMembersAsync(clusterId, 2);
    }

    /// <summary>
    /// Both nodes must be one cluster, not two clusters of one that happen to share a database: the membership table
    /// must list both as active.
    /// </summary>
    private async Task WaitForActiveMembersAsync(string clusterId, int count)
    {
        var table = new TableClient(_membership.ConnectionString, "OrleansSiloInstances");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var active = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == clusterId))
            {
                active += row.GetString("Status") == "Active" ? 1 : 0;
            }
            if (active == count)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The membership table lists {active} active nodes, not {count}.\n{First.Output}\n{Second.Output}");
            }
            await Task.Delay(200);
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var node in new[] { _first, _second })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
        await _membership.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

/// <summary>What a researcher does over HTTP before a session: a study, a session, invite links per role.</summary>
internal static class ClusterSetup
{
    public static async Task<(string SessionId, Dictionary<SessionRole, string> Invites)> NewSessionAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        var created = await http.PostAsJsonAsync("/api/studies", new
        {
            name = "Checkout",
            goal = "Can people pay?",
            tasks = new[] { new { title = "Find a jacket", instructions = "Find a jacket under €150.", successCriteria = "Opens a jacket page." } },
            tags = new[] { new { name = "confusion", color = "#b45309", hotkey = 1 } },
        }, SessionJson.Options);
        created.EnsureSuccessStatusCode();
        var study = (await created.Content.ReadFromJsonAsync<TeamStudy>(SessionJson.Options))!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", study.MemberToken);
        var scheduled = await http.PostAsJsonAsync($"/api/studies/{study.Study.Id}/sessions", new { participantAlias = "P1", moderatorName = "Mo" }, SessionJson.Options);
        scheduled.EnsureSuccessStatusCode();
        var session = (await scheduled.Content.ReadFromJsonAsync<SessionSummary>(SessionJson.Options))!;
        var invites = new Dictionary<SessionRole, string>();
        foreach (var role in Enum.GetValues<SessionRole>())
        {
            var response = await http.PostAsJsonAsync($"/api/sessions/{session.Id}/invites", new { role }, SessionJson.Options);
            response.EnsureSuccessStatusCode();
            invites[role] = (await response.Content.ReadFromJsonAsync<Invite>(SessionJson.Options))!.Token;
        }
        return (session.Id, invites);
    }

    /// <summary>Every client holds events 1..head exactly once, in sequence order.</summary>
    public static void AssertEveryEventOnceInOrder(HubClient client, long head)
    {
        var sequences = client.Events.Select(e => e.Sequence).ToList();
        Assert.True(
            sequences.SequenceEqual(Enumerable.Range(1, (int)head).Select(i => (long)i)),
            $"{client.Name} holds [{string.Join(',', sequences)}], not 1..{head} once each in order.");
    }
}
