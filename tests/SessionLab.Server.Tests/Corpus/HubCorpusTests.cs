using System.Text.Json;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>Every bad hub call of <see cref="HubCorpus"/> is answered with its own typed error, and changes nothing.</summary>
[Collection(CorpusCollection.Name)]
public sealed class HubCorpusTests(CorpusWorld world)
{
    private static readonly Dictionary<string, HubCase> Cases = HubCorpus.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(HubCorpus.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadCallIsAnsweredWithItsCodeAndChangesNothing(string name)
    {
        var c = Cases[name];
        var before = await world.SnapshotBeforeAsync();

        var fresh = c.Caller == "fresh" ? await CorpusHubConnection.ConnectAsync(world.Server) : null;
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
