using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

/// <summary>Every place a session takes text applies the name rule or the free-text rule, and a missing required field is never filled in.</summary>
public sealed class SessionTextRuleTests
{
    [Theory]
    [InlineData("Reversed \u202Etxet")]
    [InlineData("NUL\u0000inside")]
    [InlineData("\u200B=1+1")]
    [InlineData("left\u200Eright")]
    [InlineData("bom\uFEFF")]
    public async Task ANoteWithAHiddenCharacterIsRefusedAsInvalidCharactersAndChangesNothing(string text)
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var before = Snapshot(await grain.GetStateAsync(default));

        var result = await grain.AddNoteAsync(Observer, Note(text), default);

        ExpectRefused(result, SessionErrorCode.InvalidCharacters);
        Assert.Contains("note's text", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
    }

    [Fact]
    public async Task ANoteWithLineBreaksTabsAndEmojiIsAccepted()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        Expect(await grain.AddNoteAsync(Observer, Note("First line\nsecond\tline 👩\u200D💻"), default));
    }

    [Fact]
    public async Task EditingANoteToHoldAHiddenCharacterIsRefused()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var note = Note("fine");
        Expect(await grain.AddNoteAsync(Observer, note, default));

        ExpectRefused(await grain.EditNoteAsync(Observer, new EditNoteRequest(Guid.NewGuid(), note.NoteId, "now \u202Ereversed", [], NoteKind.Idea), default), SessionErrorCode.InvalidCharacters);

        Assert.Equal("fine", Assert.Single((await grain.GetStateAsync(default))!.Notes).Text);
    }

    [Fact]
    public async Task TaskAndSeqCommentsFollowTheFreeTextRule()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));

        var comment = await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success, 0, 0, "needed\u0000help"), default);
        ExpectRefused(comment, SessionErrorCode.InvalidCharacters);
        Assert.Contains("task's comment", comment.Error!.Message, StringComparison.Ordinal);
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success, 0, 0, "needed\nhelp"), default));
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));

        var seq = await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 5, "easy\u202E"), default);
        ExpectRefused(seq, SessionErrorCode.InvalidCharacters);
        Assert.Contains("SEQ comment", seq.Error!.Message, StringComparison.Ordinal);
        Expect(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 5, "easy"), default));
    }

    [Theory]
    [InlineData("P\u200B1", "Morgan")]
    [InlineData("P1", "Mor\u202Egan")]
    [InlineData("P1\n", "Morgan\u2060")]
    public async Task ASessionIsNotScheduledWithAHiddenCharacterInAName(string alias, string moderator)
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = host.Grain("se_" + Guid.NewGuid().ToString("N")[..12]);

        var result = await grain.ScheduleAsync(Moderator, new ScheduleSessionRequest(Guid.NewGuid(), host.Study.Id, alias, moderator, null), default);

        ExpectRefused(result, SessionErrorCode.InvalidCharacters);
        Assert.Null(await grain.GetStateAsync(default));
    }

    [Fact]
    public async Task ANoteWithoutAKindIsRefusedNotFiledAsAnObservation()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var result = await grain.AddNoteAsync(Observer, Note("which kind?") with { Kind = null }, default);

        ExpectRefused(result, SessionErrorCode.InvalidRequest);
        Assert.StartsWith("kind is required", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty((await grain.GetStateAsync(default))!.Notes);
    }

    [Fact]
    public async Task EditingOrDeletingWithoutANoteIdIsInvalidRequestNamingTheField()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var edit = await grain.EditNoteAsync(Observer, new EditNoteRequest(Guid.NewGuid(), Guid.Empty, "text", [], NoteKind.Idea), default);
        var delete = await grain.DeleteNoteAsync(Observer, new DeleteNoteRequest(Guid.NewGuid(), Guid.Empty), default);

        ExpectRefused(edit, SessionErrorCode.InvalidRequest);
        ExpectRefused(delete, SessionErrorCode.InvalidRequest);
        Assert.StartsWith("noteId is required", edit.Error!.Message, StringComparison.Ordinal);
        Assert.StartsWith("noteId is required", delete.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndingATaskWithoutAnOutcomeIsRefusedNotReadAsSuccess()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));

        var result = await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", null), default);

        ExpectRefused(result, SessionErrorCode.InvalidRequest);
        Assert.StartsWith("outcome is required", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("t1", (await grain.GetStateAsync(default))!.ActiveTaskId);
    }

    [Fact]
    public async Task TaskCommandsWithoutATaskIdSayTaskIdIsRequired()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var start = await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), null!), default);
        var seq = await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, null), default);
        var answer = await grain.AnswerSeqAsync(Moderator, new AnswerSeqRequest(Guid.NewGuid(), null!, 4), default);
        var kind = await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), null, "t1"), default);

        foreach (var result in new[] { start, seq, answer })
        {
            ExpectRefused(result, SessionErrorCode.InvalidRequest);
            Assert.StartsWith("taskId is required", result.Error!.Message, StringComparison.Ordinal);
        }
        ExpectRefused(kind, SessionErrorCode.InvalidRequest);
        Assert.StartsWith("kind is required", kind.Error!.Message, StringComparison.Ordinal);
    }
}
