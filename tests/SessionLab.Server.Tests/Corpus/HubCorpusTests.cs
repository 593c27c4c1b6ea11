using System.Text.Json;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>Every bad hub call of <see cref="HubCorpus"/> is answered with its own typed error, and changes nothing.</summary>
[Collection(CorpusCollection.Name)]
public sealed class HubCorpusTests(CorpusWorld world)
{
    private static readonly Dictionary<string, HubCase> Cases = HubCorpus.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(HubCorpus.All.Select(c => c.Name));

    public static TheoryData<string> DoorNames => new(HubDoorCorpus.All.Select(c => c.Name));

    /// <summary>The connection request itself (negotiate, as every SignalR client's first request) is refused with its problem.</summary>
    [Theory]
    [MemberData(nameof(DoorNames))]
    public async Task AConnectionWithoutAWorkingInviteIsRefusedAtTheDoor(string name)
    {
        var c = HubDoorCorpus.All.Single(d => d.Name == name);
        var query = c.Invite is null ? "" : "&invite=" + Uri.EscapeDataString(world.Resolve(c.Invite));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/session/negotiate?negotiateVersion=1" + query);
        if (c.SignedInAs is { } member)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + world.Resolve(member));
        }

        using var response = await world.Server.CreateClient().SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == c.Status, $"{c.Name}: expected {c.Status}, got {(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(c.Code, problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        await world.AssertOthersAreStillServedAsync();
    }

    [Fact]
    public async Task AWorkingInviteOpensTheConnection()
    {
        using var response = await world.Server.CreateClient().PostAsync(
            "/hubs/session/negotiate?negotiateVersion=1&invite=" + Uri.EscapeDataString(world["inv:obs:live"]), null).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadCallIsAnsweredWithItsCodeAndChangesNothing(string name)
    {
        var c = Cases[name];
        var before = await world.SnapshotBeforeAsync();

        var fresh = c.Caller == "fresh" ? await CorpusHubConnection.ConnectAsync(world.Server, world.Resolve(c.Invite)) : null;
        try
        {
            var connection = fresh ?? world.Connection(c.Caller);
            var outcome = c.Arguments is { } arguments
                ? await connection.InvokeWithArgumentsAsync(c.Method, [.. JsonDocument.Parse(world.Resolve(arguments)).RootElement.EnumerateArray().Select(a => (object?)a.Clone())])
                : await connection.InvokeAsync(c.Method, JsonDocument.Parse(world.Resolve(c.Request!)).RootElement.Clone());

            Assert.True(c.Code == outcome.Code, $"{c.Name}: expected {c.Code}, got {outcome}");
            Assert.True(connection.IsConnected, $"{c.Name}: the connection was closed");
            if (outcome.InvocationError is null)
            {
                var message = outcome.Result.GetProperty("error").GetProperty("message").GetString();
                Assert.False(string.IsNullOrWhiteSpace(message));
                Assert.True(c.Mentions is null || message!.Contains(c.Mentions, StringComparison.Ordinal), $"{c.Name}: the message does not name {c.Mentions}: {message}");
            }
        }
        finally
        {
            if (fresh is not null)
            {
                await fresh.DisposeAsync();
            }
        }
        Assert.Equal(before, await world.SnapshotAfterAsync());
        await world.AssertOthersAreStillServedAsync();
    }
}
