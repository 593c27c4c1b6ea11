using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Cluster;

public sealed class TwoNodeSessionTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task MembersOnBothNodesGetEveryEventOnceInOrderAndTheParticipantGetsNoTeamData()
    {
        var (_, invites) = await ClusterSetup.NewSessionAsync(cluster.First.BaseUrl);
        await using var moderator = await HubClient.JoinAsync(cluster.First.BaseUrl, invites[SessionRole.Moderator], "Mo");
        await using var nearObserver = await HubClient.JoinAsync(cluster.First.BaseUrl, invites[SessionRole.Observer], "Olu");
        await using var farObserver = await HubClient.JoinAsync(cluster.Second.BaseUrl, invites[SessionRole.Observer], "Oksana");
        await using var participant = await HubClient.JoinAsync(cluster.Second.BaseUrl, invites[SessionRole.Participant], "Pat");

        Assert.True((await moderator.InvokeAsync("StartSession", new StartSessionRequest(Guid.NewGuid()))).Ok);
        var taskId = moderator.Joined!.Study!.Tasks[0].Id;
        var notes = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            nearObserver.AddNoteUntilAcknowledgedAsync($"secret near note {i}"),
            farObserver.AddNoteUntilAcknowledgedAsync($"secret far note {i}"),
        });
        var sequences = await Task.WhenAll(notes);
        var started = await moderator.InvokeAsync("StartTask", new StartTaskRequest(Guid.NewGuid(), taskId));
        Assert.True(started.Ok);
        var head = started.Sequence!.Value;

        Assert.Equal(40, sequences.Distinct().Count());
        foreach (var member in new[] { moderator, nearObserver, farObserver })
        {
            await member.WaitForSequenceAsync(head);
            ClusterSetup.AssertEveryEventOnceInOrder(member, head);
        }
        await participant.WaitForViewAsync(v => v.CurrentTask?.TaskId == taskId);
        Assert.Empty(participant.Events);
        Assert.DoesNotContain("secret", participant.EverythingReceived, StringComparison.Ordinal);
        Assert.DoesNotContain("Opens a jacket page", participant.EverythingReceived, StringComparison.Ordinal);
        Assert.DoesNotContain("Oksana", participant.EverythingReceived, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientThatReconnectsToTheOtherNodeCatchesUpOnceAndThenReceivesLive()
    {
        var (_, invites) = await ClusterSetup.NewSessionAsync(cluster.First.BaseUrl);
        await using var moderator = await HubClient.JoinAsync(cluster.First.BaseUrl, invites[SessionRole.Moderator], "Mo");
        await using var observer = await HubClient.JoinAsync(cluster.Second.BaseUrl, invites[SessionRole.Observer], "Olu");
        Assert.True((await moderator.InvokeAsync("StartSession", new StartSessionRequest(Guid.NewGuid()))).Ok);
        await observer.WaitForSequenceAsync(await moderator.AddNoteUntilAcknowledgedAsync("seen on the second node"));

        await observer.DisposeAsync();
        long missed = 0;
        for (var i = 0; i < 25; i++)
        {
            missed = await moderator.AddNoteUntilAcknowledgedAsync($"written while the observer was away {i}");
        }
        await observer.RejoinAsync(cluster.First.BaseUrl);
        await observer.WaitForSequenceAsync(missed);
        var live = await moderator.AddNoteUntilAcknowledgedAsync("after the reconnect");
        await observer.WaitForSequenceAsync(live);

        ClusterSetup.AssertEveryEventOnceInOrder(observer, live);
    }
}
