using SessionLab.Sessions.Grains;
using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

/// <summary>An ended session never shows a task "in progress": the task running at the end ends in the same event.</summary>
public sealed class EndingWithARunningTaskTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EndingTheSessionWithoutAnOutcomeRecordsTheRunningTaskAsAbandonedInTheLog()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var sessionId = (await grain.GetStateAsync(default))!.SessionId;
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        host.Clock.Advance(TimeSpan.FromSeconds(40));

        Expect(await grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid()), default));

        var logged = (await host.Store.ReadAsync(sessionId, 0, default))[^1].Event;
        Assert.Equal(new RunningTaskEnded("t1", TaskOutcome.Abandoned), Assert.IsType<SessionEnded>(logged).RunningTask);
        await host.RestartAsync();
        var state = (await host.Grain(sessionId).GetStateAsync(default))!;
        var attempt = state.FindAttempt("t1")!;
        Assert.Equal(TaskOutcome.Abandoned, attempt.Outcome);
        Assert.Equal(state.DurationMs, attempt.EndOffsetMs);
        Assert.Null(state.ActiveTaskId);
    }

    [Fact]
    public async Task TheModeratorCanMarkHowTheRunningTaskWentAsTheSessionEnds()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));

        Expect(await grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid(), TaskOutcome.Partial), default));

        var state = (await grain.GetStateAsync(default))!;
        Assert.Equal(SessionStatus.Ended, state.Status);
        Assert.Equal(TaskOutcome.Partial, state.FindAttempt("t1")!.Outcome);
    }

    [Fact]
    public async Task AnUnknownOutcomeForTheRunningTaskIsRefusedAndTheSessionStaysLive()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));

        ExpectRefused(await grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid(), (TaskOutcome)42), default), SessionErrorCode.InvalidRequest);

        var state = (await grain.GetStateAsync(default))!;
        Assert.Equal(SessionStatus.Live, state.Status);
        Assert.Equal("t1", state.ActiveTaskId);
    }

    [Fact]
    public async Task EndingATaskAsAbandonedIsRefusedWhileTheSessionRuns()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));

        ExpectRefused(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Abandoned), default), SessionErrorCode.InvalidRequest);

        Assert.Equal("t1", (await grain.GetStateAsync(default))!.ActiveTaskId);
    }

    [Fact]
    public void WithNoTaskRunningTheSessionEndsWithoutATaskEvenWhenAnOutcomeIsSent()
    {
        var state = Replay(new SessionStarted(), new TaskStarted("t1", 0), new TaskEnded("t1", 5_000, TaskOutcome.Success, 0, 0, null));

        var decision = SessionRules.EndSession(state, Moderator, new EndSessionRequest(Guid.NewGuid(), TaskOutcome.Fail), Start.AddSeconds(10));

        Assert.Null(Assert.IsType<SessionEnded>(decision.Event).RunningTask);
        Assert.Equal(TaskOutcome.Success, state.Apply(Envelope(state.Sequence + 1, decision.Event!)).FindAttempt("t1")!.Outcome);
    }

    [Fact]
    public void ALogWrittenBeforeTheRunningTaskWasRecordedStillFoldsItAsAbandoned()
    {
        var state = Replay(new SessionStarted(), new TaskStarted("t2", 1_000), new SessionEnded(9_000));

        var attempt = state.FindAttempt("t2")!;

        Assert.Equal(TaskOutcome.Abandoned, attempt.Outcome);
        Assert.Equal(9_000, attempt.EndOffsetMs);
        Assert.Null(state.ActiveTaskId);
    }

    [Fact]
    public void AnExplicitOutcomeInTheEndEventIsWhatTheFoldKeeps()
    {
        var state = Replay(new SessionStarted(), new TaskStarted("t1", 0), new SessionEnded(7_000, new RunningTaskEnded("t1", TaskOutcome.Fail)));

        Assert.Equal(TaskOutcome.Fail, state.FindAttempt("t1")!.Outcome);
        Assert.Equal(7_000, state.FindAttempt("t1")!.EndOffsetMs);
    }

    private static SessionState Replay(params SessionEvent[] events) =>
        SessionState.Replay([Envelope(1, new SessionScheduled("st_test", "P1", "Morgan", null)), .. events.Select((e, i) => Envelope(i + 2, e))])!;

    private static SessionEventEnvelope Envelope(long sequence, SessionEvent e) =>
        new("se_fold", sequence, Guid.NewGuid(), Start.AddSeconds(sequence), Moderator, e);
}
