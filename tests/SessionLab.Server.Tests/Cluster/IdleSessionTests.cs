using SessionLab.Server.Tests.Support;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// A session nobody is in leaves the server's memory (its grain is deactivated after <c>Sessions:IdleDeactivation</c>)
/// and comes back whole from its log when someone joins again. Orleans' own default would keep it, notes and all, for
/// hours: a heap dump of a server left idle after 100,000 large notes found every one still held (bench/README.md).
/// </summary>
public sealed class IdleSessionTests
{
    [Fact]
    public async Task ASessionEveryoneLeftIsUnloadedAndComesBackWholeOnTheNextJoin()
    {
        var data = Directory.CreateTempSubdirectory("sessionlab-idle-").FullName;
        var gatewayPort = LocalServerProcess.FreePort();
        var clusterId = "idle-" + Guid.NewGuid().ToString("N")[..8];
        await using var node = LocalServerProcess.Start("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "sessionlab.dll"),
            "--urls", "http://127.0.0.1:0",
            $"--Storage:DataDirectory={data}",
            $"--Cluster:ClusterId={clusterId}",
            $"--Cluster:GatewayPort={gatewayPort.ToString(CultureInfo.InvariantCulture)}",
            "--Sessions:IdleDeactivation=00:00:02",
            .. SessionLabFactory.InitialOwnerArguments,
            "--Logging:LogLevel:Default=Warning",
        ]);
        var line = await node.WaitForLineAsync(l => l.StartsWith("SessionLab is listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var baseUrl = new Uri(line["SessionLab is listening on ".Length..].Trim());
        using var orleans = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId: "sessionlab", clusterId: clusterId))
            .Build();
        await orleans.StartAsync();
        var management = orleans.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

        var (sessionId, invites) = await ClusterSetup.NewSessionAsync(baseUrl);
        long head;
        await using (var moderator = await HubClient.JoinAsync(baseUrl, invites[SessionRole.Moderator], "Mo"))
        {
            Assert.True((await moderator.InvokeAsync("StartSession", new StartSessionRequest(Guid.NewGuid()))).Ok);
            head = await moderator.AddNoteUntilAcknowledgedAsync("kept while nobody is in the session");
            Assert.True(await IsLoadedAsync(management, sessionId));
        }

        // Everyone has left: the session's grain goes within a few collection rounds (the deadline is generous).
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (await IsLoadedAsync(management, sessionId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The session nobody is in was still in memory after a minute.");
            await Task.Delay(250);
        }

        await using var back = await HubClient.JoinAsync(baseUrl, invites[SessionRole.Observer], "Ob");
        await back.WaitForSequenceAsync(head);
        Assert.Single(back.Events, e => e.Event is NoteAdded { Text: "kept while nobody is in the session" });
        ClusterSetup.AssertEveryEventOnceInOrder(back, head);
        await orleans.StopAsync();
    }

    private static async Task<bool> IsLoadedAsync(IManagementGrain management, string sessionId) =>
        (await management.GetDetailedGrainStatistics()).Any(a => a.GrainId.Type.ToString() == "session" && a.GrainId.Key.ToString() == sessionId);
}
