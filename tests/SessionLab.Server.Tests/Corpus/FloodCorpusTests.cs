using System.Text.Json;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>Every flood of <see cref="FloodCorpus"/> is refused with its code and a retry hint, changes nothing, and holds up nobody else.</summary>
public sealed class FloodCorpusTests(LimitedCorpusWorld world) : IClassFixture<LimitedCorpusWorld>
{
    private static readonly Dictionary<string, FloodCase> Cases = FloodCorpus.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(FloodCorpus.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task FloodIsRefusedWithItsCodeAndChangesNothing(string name)
    {
        var c = Cases[name];
        var before = await world.SnapshotBeforeAsync();
        var connections = new List<CorpusHubConnection>();
        try
        {
            for (var i = 0; i < c.Connections; i++)
            {
                connections.Add(await CorpusHubConnection.JoinAsync(world.Server, world[c.Invite], $"Flooder {i}"));
            }
            HubOutcome? refused = null;
            var firstAnswer = (string?)null;
            for (var sent = 0; sent < c.Cap && refused is null; sent++)
            {
                CorpusHubConnection connection;
                if (c.Method == "Join")
                {
                    connection = await CorpusHubConnection.ConnectAsync(world.Server, world[c.Invite]);
                    connections.Add(connection);
                }
                else
                {
                    connection = connections[sent % connections.Count];
                }
                var request = world.Resolve(c.Request.Replace("$new", Guid.NewGuid().ToString(), StringComparison.Ordinal));
                var outcome = await connection.InvokeAsync(c.Method, JsonDocument.Parse(request).RootElement.Clone());
                firstAnswer ??= outcome.Code;
                if (outcome.Code == c.Code)
                {
                    refused = outcome;
                }
                else if (outcome.Code != firstAnswer)
                {
                    Assert.Fail($"{c.Name}: call {sent} was answered {outcome}, neither {firstAnswer} like the ones before nor {c.Code}");
                }
            }

            Assert.True(refused is not null, $"{c.Name}: {c.Cap} calls, none answered {c.Code}");
            // Joins before the cap are let in (a connection is no change to the session); commands are all refused for themselves.
            Assert.True(c.Method == "Join" || firstAnswer != "ok", $"{c.Name}: the flood's command was applied");
            var error = refused.Result.GetProperty("error");
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            if (c.Code == "rateLimited")
            {
                Assert.True(error.GetProperty("retryAfterMs").GetInt64() > 0, $"{c.Name}: no retry hint in {refused}");
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
        Assert.Equal(before, await world.SnapshotAfterAsync());
        await world.AssertOthersAreStillServedAsync();
    }
}
