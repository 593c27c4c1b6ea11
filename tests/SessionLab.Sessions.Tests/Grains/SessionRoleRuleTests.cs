using System.Text.Json;
using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionRoleRuleTests
{
    public static TheoryData<string> ModeratorOnlyCommands => ["startSession", "endSession", "startTask", "endTask", "askSeq", "askSus"];

    [Theory]
    [MemberData(nameof(ModeratorOnlyCommands))]
    public async Task ObserversCannotControlTheSessionOrItsTasks(string command)
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync(start: command != "startSession");
        if (command == "endTask" || command == "askSeq")
        {
            Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        }
        if (command == "askSeq")
        {
            Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success), default));
        }
        var before = Snapshot(await grain.GetStateAsync(default));

        foreach (var actor in new[] { Observer, Participant })
        {
            ExpectRefused(await Send(grain, actor, command), SessionErrorCode.Forbidden);
        }

        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
        Expect(await Send(grain, Moderator, command));
    }

    [Fact]
    public async Task TheParticipantCannotTakeEditOrDeleteNotes()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var note = Note("Observer note");
        Expect(await grain.AddNoteAsync(Observer, note, default));

        ExpectRefused(await grain.AddNoteAsync(Participant, Note("I am confused"), default), SessionErrorCode.Forbidden);
        ExpectRefused(await grain.EditNoteAsync(Participant, new EditNoteRequest(Guid.NewGuid(), note.NoteId, "changed", [], NoteKind.Idea), default), SessionErrorCode.Forbidden);
        ExpectRefused(await grain.DeleteNoteAsync(Participant, new DeleteNoteRequest(Guid.NewGuid(), note.NoteId), default), SessionErrorCode.Forbidden);
    }

    [Fact]
    public async Task OnlyTheAuthorEditsANoteButTheModeratorMayDeleteAny()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var first = Note("Olu's note");
        var second = Note("Olu's other note");
        Expect(await grain.AddNoteAsync(Observer, first, default));
        Expect(await grain.AddNoteAsync(Observer, second, default));

        ExpectRefused(await grain.EditNoteAsync(OtherObserver, new EditNoteRequest(Guid.NewGuid(), first.NoteId, "hijacked", [], NoteKind.Idea), default), SessionErrorCode.NotNoteAuthor);
        ExpectRefused(await grain.EditNoteAsync(Moderator, new EditNoteRequest(Guid.NewGuid(), first.NoteId, "hijacked", [], NoteKind.Idea), default), SessionErrorCode.NotNoteAuthor);
        ExpectRefused(await grain.DeleteNoteAsync(OtherObserver, new DeleteNoteRequest(Guid.NewGuid(), first.NoteId), default), SessionErrorCode.NotNoteAuthor);
        Expect(await grain.DeleteNoteAsync(Moderator, new DeleteNoteRequest(Guid.NewGuid(), first.NoteId), default));
        Expect(await grain.DeleteNoteAsync(Observer, new DeleteNoteRequest(Guid.NewGuid(), second.NoteId), default));

        Assert.Empty((await grain.GetStateAsync(default))!.Notes);
    }

    [Fact]
    public async Task TheParticipantAnswersOnlyWhatTheModeratorAsked()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Fail, 3, 0), default));

        ExpectRefused(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 2), default), SessionErrorCode.QuestionnaireNotRequested);
        ExpectRefused(await grain.AnswerSusAsync(Participant, new AnswerSusRequest(Guid.NewGuid(), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), default), SessionErrorCode.QuestionnaireNotRequested);
        ExpectRefused(await grain.AnswerSeqAsync(Observer, new AnswerSeqRequest(Guid.NewGuid(), "t1", 2), default), SessionErrorCode.Forbidden);

        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));
        Expect(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 2, "hard to find"), default));
        ExpectRefused(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 6), default), SessionErrorCode.QuestionnaireAlreadyAnswered);
    }

    [Fact]
    public async Task TheModeratorMayRecordAnAnswerGivenAloud()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success), default));

        Expect(await grain.AnswerSeqAsync(Moderator, new AnswerSeqRequest(Guid.NewGuid(), "t1", 6), default));

        Assert.Equal(6, (await grain.GetStateAsync(default))!.FindAttempt("t1")!.SeqRating);
    }

    [Fact]
    public async Task TheParticipantIsNeverSentAViewForNotes()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Assert.True((await host.ConnectAsync(grain, "p", Participant)).Ok);

        var note = Note("Secret observation #confusion", 0, "confusion");
        Expect(await grain.AddNoteAsync(Observer, note, default));
        Expect(await grain.EditNoteAsync(Observer, new EditNoteRequest(Guid.NewGuid(), note.NoteId, "edited", [], NoteKind.Issue), default));
        var deleted = Expect(await grain.DeleteNoteAsync(Observer, new DeleteNoteRequest(Guid.NewGuid(), note.NoteId), default));
        await host.Relay.WaitForEventAsync(deleted);
        Assert.Empty(host.Relay.ParticipantViews);

        var started = Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        await host.Relay.WaitForEventAsync(started);
        var view = Assert.Single(host.Relay.ParticipantViews);
        Assert.Equal(("t1", "Find a jacket", "Find a jacket under €150."), (view.CurrentTask!.TaskId, view.CurrentTask.Title, view.CurrentTask.Instructions));
        Assert.DoesNotContain("Opens a jacket page", System.Text.Json.JsonSerializer.Serialize(view, SessionJson.Options));
    }

    [Fact]
    public async Task AParticipantJoiningGetsItsViewAndNoEvents()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.AddNoteAsync(Observer, Note("a note the participant must not see"), default));

        var joined = await host.ConnectAsync(grain, "p", Participant);

        Assert.True(joined.Ok);
        Assert.Null(joined.Study);
        Assert.Equal(joined.HeadSequence, joined.ParticipantView!.Sequence);
        Assert.DoesNotContain("must not see", JsonSerializer.Serialize(joined, SessionJson.Options));
    }

    [Fact]
    public async Task PresenceListsEachPersonOnceWithTheirConnections()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        await host.ConnectAsync(grain, "c1", Observer);
        await host.ConnectAsync(grain, "c2", Observer);
        await host.ConnectAsync(grain, "c3", Participant);

        await RecordingRelay.WaitUntilAsync(() => host.Relay.LatestPresence?.People.Length == 2, "presence listing both people");
        var people = host.Relay.LatestPresence!.People;
        Assert.Equal(2, people.Single(p => p.ActorId == Observer.Id).Connections);
        Assert.Equal(1, people.Single(p => p.ActorId == Participant.Id).Connections);
        await grain.DisconnectAsync("c1", default);
        await RecordingRelay.WaitUntilAsync(
            () => host.Relay.LatestPresence?.People.Single(p => p.ActorId == Observer.Id).Connections == 1,
            "presence after one of the observer's tabs left");
    }

    private static Task<CommandResult> Send(ISessionGrain grain, Actor actor, string command) => command switch
    {
        "startSession" => grain.StartSessionAsync(actor, new StartSessionRequest(Guid.NewGuid()), default),
        "endSession" => grain.EndSessionAsync(actor, new EndSessionRequest(Guid.NewGuid()), default),
        "startTask" => grain.StartTaskAsync(actor, new StartTaskRequest(Guid.NewGuid(), "t1"), default),
        "endTask" => grain.EndTaskAsync(actor, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success), default),
        "askSeq" => grain.AskQuestionnaireAsync(actor, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default),
        "askSus" => grain.AskQuestionnaireAsync(actor, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
