using SessionLab.Sessions.Tests.Support;
using SessionLab.Storage;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionGrainFailureTests
{
    [Fact]
    public async Task AFailedAppendIsReportedChangesNothingAndTheNextCallReloadsFromTheLog()
    {
        FailingOnceStore? failing = null;
        await using var host = await SessionTestHost.StartAsync(store => failing = new FailingOnceStore(store));
        var grain = await host.NewSessionAsync();
        var before = Snapshot(await grain.GetStateAsync(default));

        failing!.FailNextAppend = true;
        var lost = Note("lost to a full disk");
        await Assert.ThrowsAsync<SessionUnavailableException>(() => grain.AddNoteAsync(Observer, lost, default));

        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
        // The activation that failed was dropped; the one that answered loaded the session from the log again.
        Assert.Equal(2, failing.Activations);
        var kept = Expect(await grain.AddNoteAsync(Observer, lost, default));
        Assert.Equal(3, kept);
        Assert.Single((await grain.GetStateAsync(default))!.Notes);
    }

    [Fact]
    public async Task AReactivatedGrainLearnsItsConnectionsFromTheRelayHeartbeat()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Assert.True((await host.ConnectAsync(grain, "c1", Observer)).Ok);
        await host.Cluster.DeactivateAsync(grain);

        var answer = await grain.HeartbeatAsync(new RelayHeartbeat(host.RelayReference, [new RelayMember("c1", Observer, "observer-link")]), default);
        var sequence = Expect(await grain.AddNoteAsync(Observer, Note("pushed to the relay again"), default));

        Assert.Equal(2, answer.HeadSequence);
        await host.Relay.WaitForEventAsync(sequence);
        await RecordingRelay.WaitUntilAsync(() => host.Relay.LatestPresence?.People.Any(p => p.ActorId == Observer.Id && p.Connections == 1) == true, "presence rebuilt from the heartbeat");
    }

    [Fact]
    public async Task AHeartbeatWithoutAConnectionRemovesItFromPresence()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Assert.True((await host.ConnectAsync(grain, "c1", Observer)).Ok);
        Assert.True((await host.ConnectAsync(grain, "c2", OtherObserver)).Ok);

        await grain.HeartbeatAsync(new RelayHeartbeat(host.RelayReference, [new RelayMember("c2", OtherObserver, "observer-link")]), default);

        await RecordingRelay.WaitUntilAsync(
            () => host.Relay.LatestPresence?.People.Select(p => p.ActorId).SequenceEqual([OtherObserver.Id]) == true,
            "presence without the connection the heartbeat left out");
    }

    [Fact]
    public async Task AHeartbeatSentBeforeAConnectionLeftDoesNotBringItBack()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Assert.True((await host.ConnectAsync(grain, "c1", Observer)).Ok);
        Assert.True((await host.ConnectAsync(grain, "c2", OtherObserver)).Ok);
        var staleList = new RelayHeartbeat(host.RelayReference, [new RelayMember("c1", Observer, "observer-link"), new RelayMember("c2", OtherObserver, "observer-link")]);

        await grain.DisconnectAsync("c1", default);
        await grain.HeartbeatAsync(staleList, default);

        await RecordingRelay.WaitUntilAsync(
            () => host.Relay.LatestPresence?.People.Select(p => p.ActorId).SequenceEqual([OtherObserver.Id]) == true,
            "presence without the connection that left");
        var state = await grain.ConnectAsync(new SessionConnection("c3", Observer, 0, host.RelayReference, "observer-link"), default);
        Assert.True(state.Ok);
    }

    /// <summary>The log, failing the next append when told to (a full disk, a lost database), and counting activations' reads.</summary>
    private sealed class FailingOnceStore(ISessionEventStore inner) : ISessionEventStore
    {
        private int _fullReads;

        public bool FailNextAppend { get; set; }

        /// <summary>How many times a grain loaded the session from the start of its log.</summary>
        public int Activations => _fullReads;

        public Task AppendAsync(IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken)
        {
            if (FailNextAppend)
            {
                FailNextAppend = false;
                throw new IOException("No space left on device.");
            }
            return inner.AppendAsync(events, cancellationToken);
        }

        public Task<IReadOnlyList<SessionEventEnvelope>> ReadAsync(string sessionId, long afterSequence, CancellationToken cancellationToken)
        {
            if (afterSequence == 0)
            {
                Interlocked.Increment(ref _fullReads);
            }
            return inner.ReadAsync(sessionId, afterSequence, cancellationToken);
        }

        public Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken) =>
            inner.DeleteSessionAsync(sessionId, cancellationToken);

        public Task<IReadOnlyList<string>> ListSessionIdsAsync(string studyId, CancellationToken cancellationToken) =>
            inner.ListSessionIdsAsync(studyId, cancellationToken);
    }
}
