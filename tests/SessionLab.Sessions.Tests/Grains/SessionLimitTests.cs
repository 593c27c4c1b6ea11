using System.Diagnostics;
using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionLimitTests
{
    [Fact]
    public async Task ASessionTakingCommandsFasterThanItsBudgetRefusesTheRestWithWhenToRetry()
    {
        // Budget: 8 at once (two go to scheduling and starting the session), then one a second.
        await using var host = await SessionTestHost.StartAsync(commandBurst: 8, commandsPerSecond: 1);
        var grain = await host.NewSessionAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => grain.AddNoteAsync(Observer, Note($"flood {i}"), default)));

        var accepted = results.Count(r => r.Ok);
        var refused = results.Where(r => !r.Ok).ToList();
        Assert.InRange(accepted, 5, 10);
        Assert.All(refused, r =>
        {
            Assert.Equal(SessionErrorCode.RateLimited, r.Error!.Code);
            Assert.InRange(r.Error.RetryAfterMs!.Value, 1, 5_000);
        });
        Assert.Equal(accepted, (await grain.GetStateAsync(default))!.Notes.Count);
    }

    [Fact]
    public async Task OneInviteLinkOpensAtMostItsShareOfConnectionsAndOtherLinksStillJoin()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        for (var i = 0; i < SessionLimits.MaxConnectionsPerInvite; i++)
        {
            Assert.True((await host.ConnectAsync(grain, $"c{i}", Observer with { Id = $"joiner{i}" }, inviteId: "shared-link")).Ok);
        }

        var refused = await host.ConnectAsync(grain, "one-too-many", Observer with { Id = "joiner-x" }, inviteId: "shared-link");
        var other = await host.ConnectAsync(grain, "moderator", Moderator, inviteId: "moderator-link");

        Assert.Equal(SessionErrorCode.TooManyConnections, refused.Error!.Code);
        Assert.True(other.Ok);
        await grain.DisconnectAsync("c0", default);
        Assert.True((await host.ConnectAsync(grain, "after-one-left", Observer with { Id = "joiner-y" }, inviteId: "shared-link")).Ok);
    }

    [Fact]
    public async Task ABurstOfJoinsSendsPresenceAFewTimesASecondNotOncePerJoin()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            Assert.True((await host.ConnectAsync(grain, $"c{i}", Observer with { Id = $"joiner{i}" }, inviteId: $"link{i}")).Ok);
        }
        var elapsed = clock.Elapsed;

        await RecordingRelay.WaitUntilAsync(() => host.Relay.LatestPresence?.People.Length == 30, "presence listing all 30");
        // One right away, then at most one per interval while joins keep coming, and the last one after them.
        var bound = (int)Math.Ceiling(elapsed / SessionLimits.PresenceInterval) + 2;
        Assert.InRange(host.Relay.Presence.Count, 1, Math.Min(bound, 29));
    }

    [Fact]
    public async Task ASessionKeepsAtMostItsCapOfNotes()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, SessionLimits.MaxNotesPerSession), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => Expect(await grain.AddNoteAsync(Observer, Note($"n{i}"), default)));

        ExpectRefused(await grain.AddNoteAsync(Observer, Note("one more"), default), SessionErrorCode.TooManyNotes);

        Assert.Equal(SessionLimits.MaxNotesPerSession, (await grain.GetStateAsync(default))!.Notes.Count);
    }
}
