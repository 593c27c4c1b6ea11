using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionGrainOrderingTests
{
    [Fact]
    public async Task ConcurrentNotesGetGaplessSequenceNumbersInTheOrderTheyWereApplied()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var sessionId = (await grain.GetStateAsync(default))!.SessionId;
        Assert.True((await host.ConnectAsync(grain, "c1", Observer)).Ok);

        // Half the commands enter through each silo, as browsers on two nodes would send them.
        var sends = Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => host.GrainFromSilo(i % 2, sessionId).AddNoteAsync(i % 2 == 0 ? Observer : OtherObserver, Note($"note {i}"), default)));
        var sequences = (await Task.WhenAll(sends)).Select(Expect).Order().ToList();

        Assert.Equal(Enumerable.Range(3, 60).Select(i => (long)i), sequences);
        var state = await grain.GetStateAsync(default);
        Assert.Equal(62, state!.Sequence);
        Assert.Equal(sequences, state.Notes.Select(n => n.Sequence));
        await host.Relay.WaitForEventAsync(62);
        Assert.Equal(sequences, host.Relay.Events.Where(e => e.Event is NoteAdded).Select(e => e.Sequence).Order());
    }

    [Fact]
    public async Task EveryEventIsPublishedOnlyAfterItIsInTheLog()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Assert.True((await host.ConnectAsync(grain, "c1", Observer)).Ok);

        var sequence = Expect(await grain.AddNoteAsync(Observer, Note("Hesitated at the promo field", 1_000, "confusion"), default));

        await host.Relay.WaitForEventAsync(sequence);
        var published = Assert.Single(host.Relay.Events, e => e.Event is NoteAdded);
        var logged = await host.Store.ReadAsync(published.SessionId, published.Sequence - 1, default);
        Assert.Equal(published.CommandId, Assert.Single(logged).CommandId);
    }

    [Fact]
    public async Task ARetriedCommandIsAcknowledgedWithTheSameSequenceAndAppliedOnce()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Assert.True((await host.ConnectAsync(grain, "c1", Observer)).Ok);
        var note = Note("Said 'where is my basket?'", 2_000, "quote");

        var first = Expect(await grain.AddNoteAsync(Observer, note, default));
        Expect(await grain.AddNoteAsync(Observer, Note("another"), default));
        var retried = Expect(await grain.AddNoteAsync(Observer, note, default));

        Assert.Equal(first, retried);
        var state = await grain.GetStateAsync(default);
        Assert.Single(state!.Notes, n => n.Id == note.NoteId);
        Assert.Equal(2, state.Notes.Count);
        await host.Relay.WaitForEventAsync(state.Sequence);
        Assert.Single(host.Relay.Events, e => e.CommandId == note.CommandId);
    }

    [Fact]
    public async Task ARetryAfterRestartIsStillAppliedOnce()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var sessionId = (await grain.GetStateAsync(default))!.SessionId;
        var note = Note("Clicked the logo to go back", 3_000);
        var sequence = Expect(await grain.AddNoteAsync(Observer, note, default));

        await host.RestartAsync();
        var again = Expect(await host.Grain(sessionId).AddNoteAsync(Observer, note, default));

        Assert.Equal(sequence, again);
        Assert.Single((await host.Grain(sessionId).GetStateAsync(default))!.Notes);
    }

    [Fact]
    public async Task ADeactivatedGrainReactivatesFromItsLog()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.AddNoteAsync(Observer, Note("first"), default));
        var before = Snapshot(await grain.GetStateAsync(default));

        await host.Cluster.DeactivateAsync(grain);

        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
        Expect(await grain.AddNoteAsync(Observer, Note("second"), default));
        Assert.Equal(2, (await grain.GetStateAsync(default))!.Notes.Count);
    }

    [Fact]
    public async Task OneSessionHasOneActivationInTheClusterWhicheverSiloCallsIt()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var sessionId = (await grain.GetStateAsync(default))!.SessionId;

        var fromFirst = Expect(await host.GrainFromSilo(0, sessionId).AddNoteAsync(Observer, Note("via the first node"), default));
        var fromSecond = Expect(await host.GrainFromSilo(1, sessionId).AddNoteAsync(OtherObserver, Note("via the second node"), default));

        Assert.Equal(fromFirst + 1, fromSecond);
        var activations = await host.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.Single(activations, a => a.GrainId.Type.ToString() == "session" && a.GrainId.Key.ToString() == sessionId);
    }

    [Fact]
    public async Task ConnectAnswersTheHeadAndEveryLaterEventIsPushedToTheRelayOnce()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        for (var i = 0; i < 5; i++)
        {
            Expect(await grain.AddNoteAsync(Observer, Note($"before {i}"), default));
        }

        var joined = await host.ConnectAsync(grain, "late", OtherObserver, lastSeen: 4);
        var after = Expect(await grain.AddNoteAsync(Observer, Note("after the join"), default));

        Assert.True(joined.Ok);
        Assert.Equal(7, joined.HeadSequence);
        Assert.NotNull(joined.Study);
        await host.Relay.WaitForEventAsync(after);
        Assert.Equal([8L], host.Relay.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AJoinAfterTheHeadIsRefused()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var joined = await host.ConnectAsync(grain, "c1", Observer, lastSeen: 3);

        Assert.Equal(SessionErrorCode.InvalidRequest, joined.Error!.Code);
    }

    [Fact]
    public async Task ReplayingTheLogGivesTheSameStateAsTheLiveGrain()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var sessionId = (await grain.GetStateAsync(default))!.SessionId;
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        var kept = Note("Looked for search first", 6_000, "confusion");
        Expect(await grain.AddNoteAsync(Observer, kept, default));
        var dropped = Note("typo", 7_000);
        Expect(await grain.AddNoteAsync(OtherObserver, dropped, default));
        Expect(await grain.EditNoteAsync(Observer, new EditNoteRequest(Guid.NewGuid(), kept.NoteId, "Looked for search first, then the menu", ["confusion", "quote"], NoteKind.Quote), default));
        Expect(await grain.DeleteNoteAsync(OtherObserver, new DeleteNoteRequest(Guid.NewGuid(), dropped.NoteId), default));
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Partial, 2, 1, "needed a hint"), default));
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));
        Expect(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 5), default));
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default));
        Expect(await grain.AnswerSusAsync(Participant, new AnswerSusRequest(Guid.NewGuid(), [4, 2, 4, 1, 5, 2, 4, 2, 4, 1]), default));
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        Expect(await grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid()), default));
        var live = await grain.GetStateAsync(default);

        await host.RestartAsync();
        var replayed = await host.Grain(sessionId).GetStateAsync(default);

        Assert.Equal(Snapshot(live), Snapshot(replayed));
        Assert.Equal(Snapshot(live), Snapshot(SessionState.Replay(await host.Store.ReadAsync(sessionId, 0, default))));
        var attempt = Assert.Single(replayed!.Attempts);
        Assert.Equal((5_000L, 45_000L, TaskOutcome.Partial, 2, 1, 5), (attempt.StartOffsetMs, attempt.EndOffsetMs!.Value, attempt.Outcome!.Value, attempt.Errors, attempt.Assists, attempt.SeqRating!.Value));
        Assert.Equal(55_000, replayed.DurationMs);
        var note = Assert.Single(replayed.Notes);
        Assert.Equal(("Looked for search first, then the menu", "t1"), (note.Text, note.TaskId));
        Assert.Equal<string>(["confusion", "quote"], note.Tags);
    }
}
