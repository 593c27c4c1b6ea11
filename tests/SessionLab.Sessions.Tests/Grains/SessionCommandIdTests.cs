using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionCommandIdTests
{
    [Fact]
    public async Task AParticipantReusingTheModeratorsCommandIdIsRefusedNotToldItSucceeded()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var start = new StartTaskRequest(Guid.NewGuid(), "t1");
        Expect(await grain.StartTaskAsync(Moderator, start, default));
        var before = Snapshot(await grain.GetStateAsync(default));

        ExpectRefused(await grain.StartTaskAsync(Participant, start, default), SessionErrorCode.CommandIdReused);

        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
    }

    [Fact]
    public async Task AnotherKindOfCommandWithAnAppliedIdIsRefusedEvenFromTheSameAuthor()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var note = Note("Scrolled past the button");
        Expect(await grain.AddNoteAsync(Observer, note, default));

        ExpectRefused(await grain.DeleteNoteAsync(OtherObserver, new DeleteNoteRequest(note.CommandId, note.NoteId), default), SessionErrorCode.CommandIdReused);
        ExpectRefused(await grain.DeleteNoteAsync(Observer, new DeleteNoteRequest(note.CommandId, note.NoteId), default), SessionErrorCode.CommandIdReused);

        Assert.Single((await grain.GetStateAsync(default))!.Notes);
    }

    [Fact]
    public async Task TheRuleHoldsAfterTheGrainReloadsFromItsLog()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var note = Note("Said 'is this free?'");
        var sequence = Expect(await grain.AddNoteAsync(Observer, note, default));

        await host.Cluster.DeactivateAsync(grain);

        Assert.Equal(sequence, Expect(await grain.AddNoteAsync(Observer, note, default)));
        ExpectRefused(await grain.AddNoteAsync(OtherObserver, note, default), SessionErrorCode.CommandIdReused);
    }

    [Fact]
    public async Task RefusalsToTheParticipantNameNoTaskTheyHaveNotBeenShown()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var seq = await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t2", 5), default);
        var sus = await grain.AnswerSusAsync(Participant, new AnswerSusRequest(Guid.NewGuid(), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), default);

        ExpectRefused(seq, SessionErrorCode.QuestionnaireNotRequested);
        ExpectRefused(sus, SessionErrorCode.QuestionnaireNotRequested);
        Assert.DoesNotContain("Check out", seq.Error!.Message, StringComparison.Ordinal);
    }
}
