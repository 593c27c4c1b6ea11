using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionLab.Sessions.Runtime;
using SessionLab.Sessions.Storage;
using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionGrainFailureTests
{
    [Fact]
    public async Task AFailedAppendChangesNothingAndTheReplacementGrainKeepsWhoIsConnected()
    {
        await using var host = await SessionTestHost.StartAsync(idleTimeout: TimeSpan.FromTicks(1));
        var store = new FailingOnceStore(host.Store);
        var runtime = new SessionGrainRuntime(store, host.Studies, host.Notifier, host.Clock, Options.Create(new GrainRuntimeOptions { IdleTimeout = TimeSpan.FromTicks(1) }), NullLoggerFactory.Instance);
        var sessionId = (await (await host.NewSessionAsync()).GetStateAsync(default))!.SessionId;
        var grain = runtime.GetSessionGrain(sessionId);
        Assert.True((await grain.ConnectAsync(new SessionConnection("c1", Observer, 0), default)).Ok);
        var before = Snapshot(await grain.GetStateAsync(default));

        store.FailNextAppend = true;
        await Assert.ThrowsAsync<IOException>(() => grain.AddNoteAsync(Observer, Note("lost to a full disk"), default));

        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
        await Task.Delay(5);
        Assert.Equal(0, runtime.CollectIdle());
        var presenceBefore = host.Notifier.Presence.Count;
        await grain.DisconnectAsync("c1", default);
        Assert.Equal(presenceBefore + 1, host.Notifier.Presence.Count);
        Assert.Empty(host.Notifier.Presence.Last());
        Expect(await grain.AddNoteAsync(Observer, Note("after the disk was freed"), default));
    }

    private sealed class FailingOnceStore(ISessionEventStore inner) : ISessionEventStore
    {
        public bool FailNextAppend { get; set; }

        public Task AppendAsync(IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken)
        {
            if (FailNextAppend)
            {
                FailNextAppend = false;
                throw new IOException("No space left on device.");
            }
            return inner.AppendAsync(events, cancellationToken);
        }

        public Task<IReadOnlyList<SessionEventEnvelope>> ReadAsync(string sessionId, long afterSequence, CancellationToken cancellationToken) =>
            inner.ReadAsync(sessionId, afterSequence, cancellationToken);

        public Task<IReadOnlyList<string>> ListSessionIdsAsync(string studyId, CancellationToken cancellationToken) =>
            inner.ListSessionIdsAsync(studyId, cancellationToken);
    }
}
