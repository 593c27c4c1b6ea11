using System.Collections.Immutable;
using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class SessionInputValidationTests
{
    public static TheoryData<string, SessionErrorCode> BadNotes => new()
    {
        { "", SessionErrorCode.NoteEmpty },
        { "   ", SessionErrorCode.NoteEmpty },
        { new string('x', SessionLimits.MaxNoteLength + 1), SessionErrorCode.NoteTooLong },
    };

    [Theory]
    [MemberData(nameof(BadNotes))]
    public async Task BadNoteTextIsRefusedAndChangesNothing(string text, SessionErrorCode expected)
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var before = Snapshot(await grain.GetStateAsync(default));

        ExpectRefused(await grain.AddNoteAsync(Observer, Note(text), default), expected);

        Assert.Equal(before, Snapshot(await grain.GetStateAsync(default)));
    }

    [Fact]
    public async Task ANoteIdOfAllZerosIsRefusedAndTheNextNoteIsStillAccepted()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var result = await grain.AddNoteAsync(Observer, Note("hmm") with { NoteId = Guid.Empty }, default);

        ExpectRefused(result, SessionErrorCode.InvalidRequest);
        Assert.Contains("noteId", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty((await grain.GetStateAsync(default))!.Notes);
        Expect(await grain.AddNoteAsync(Observer, Note("hmm"), default));
    }

    [Fact]
    public async Task ANoteOfExactlyTheLimitIsAccepted()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        Expect(await grain.AddNoteAsync(Observer, Note(new string('x', SessionLimits.MaxNoteLength)), default));
    }

    [Fact]
    public async Task UnknownTagsAreRefusedNamingTheTagAndThePalette()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        var result = await grain.AddNoteAsync(Observer, Note("hmm", 0, "confusion", "nonsense"), default);

        ExpectRefused(result, SessionErrorCode.UnknownTag);
        Assert.Contains("#nonsense", result.Error!.Message);
        Assert.Contains("#confusion", result.Error.Message);
        Assert.Empty((await grain.GetStateAsync(default))!.Notes);
    }

    [Fact]
    public async Task TagsAreStoredInThePalettesSpellingOnce()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        Expect(await grain.AddNoteAsync(Observer, Note("hmm", 0, "#Confusion", "CONFUSION", "quote"), default));

        Assert.Equal<string>(["confusion", "quote"], Assert.Single((await grain.GetStateAsync(default))!.Notes).Tags);
    }

    [Fact]
    public async Task ANoteStampedOutsideTheSessionClockIsRefused()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        ExpectRefused(await grain.AddNoteAsync(Observer, Note("from the past", -1), default), SessionErrorCode.InvalidClockOffset);
        ExpectRefused(await grain.AddNoteAsync(Observer, Note("from the future", 31_000), default), SessionErrorCode.InvalidClockOffset);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Expect(await grain.AddNoteAsync(Observer, Note("typed a minute in", 59_000), default));
    }

    [Fact]
    public async Task NotesNeedALiveSession()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync(start: false);

        ExpectRefused(await grain.AddNoteAsync(Observer, Note("too early"), default), SessionErrorCode.SessionNotLive);
        Expect(await grain.StartSessionAsync(Moderator, new StartSessionRequest(Guid.NewGuid()), default));
        Expect(await grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid()), default));
        ExpectRefused(await grain.AddNoteAsync(Observer, Note("too late"), default), SessionErrorCode.SessionEnded);
        ExpectRefused(await grain.StartSessionAsync(Moderator, new StartSessionRequest(Guid.NewGuid()), default), SessionErrorCode.SessionEnded);
    }

    [Fact]
    public async Task TasksMustBeStartedBeforeTheyEndAndRunOneAtATime()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();

        ExpectRefused(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success), default), SessionErrorCode.TaskNotActive);
        ExpectRefused(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t9"), default), SessionErrorCode.TaskNotFound);
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        ExpectRefused(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t2"), default), SessionErrorCode.TaskAlreadyActive);
        ExpectRefused(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t2", TaskOutcome.Success), default), SessionErrorCode.TaskNotActive);
        ExpectRefused(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success, -1), default), SessionErrorCode.InvalidCounter);
        ExpectRefused(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", (TaskOutcome)42), default), SessionErrorCode.InvalidRequest);
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success), default));
        ExpectRefused(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default), SessionErrorCode.TaskAlreadyAttempted);
        ExpectRefused(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t2"), default), SessionErrorCode.TaskNotEnded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public async Task SeqRatingsOutsideOneToSevenAreRefused(int rating)
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), "t1"), default));
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Success), default));
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));

        ExpectRefused(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", rating), default), SessionErrorCode.RatingOutOfRange);
    }

    public static TheoryData<int[]> BadSus => new() { new[] { 3, 3, 3 }, new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 6 }, new[] { 0, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 } };

    [Theory]
    [MemberData(nameof(BadSus))]
    public async Task SusNeedsTenAnswersFromOneToFive(int[] responses)
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default));

        ExpectRefused(await grain.AnswerSusAsync(Participant, new AnswerSusRequest(Guid.NewGuid(), [.. responses]), default), SessionErrorCode.InvalidSusResponses);
        Assert.Null((await grain.GetStateAsync(default))!.SusResponses);
    }

    [Fact]
    public async Task CommandsToAnUnknownSessionAreRefused()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = host.Grain("se_nobody");

        ExpectRefused(await grain.AddNoteAsync(Observer, Note("hello"), default), SessionErrorCode.SessionNotFound);
        Assert.False((await host.ConnectAsync(grain, "c", Observer)).Ok);
        Assert.Empty(await host.Store.ReadAsync("se_nobody", 0, default));
    }

    [Fact]
    public async Task AnEndedSessionRefusesNewConnections()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid()), default));

        var joined = await host.ConnectAsync(grain, "c", Observer);

        Assert.Equal(SessionErrorCode.SessionEnded, joined.Error!.Code);
    }

    [Fact]
    public async Task ASessionCannotBeScheduledTwiceOrForAnUnknownStudy()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync(start: false);

        ExpectRefused(await grain.ScheduleAsync(Moderator, new ScheduleSessionRequest(Guid.NewGuid(), host.Study.Id, "P2", "M", null), default), SessionErrorCode.SessionAlreadyExists);
        ExpectRefused(await host.Grain("se_new").ScheduleAsync(Moderator, new ScheduleSessionRequest(Guid.NewGuid(), "st_missing", "P2", "M", null), default), SessionErrorCode.StudyNotFound);
        ExpectRefused(await host.Grain("se_new").ScheduleAsync(Moderator, new ScheduleSessionRequest(Guid.NewGuid(), host.Study.Id, " ", "M", null), default), SessionErrorCode.InvalidRequest);
    }

    [Theory]
    [InlineData("P\u00002")]
    [InlineData("P2\u001b[31m")]
    [InlineData("\u202EP2")]
    [InlineData("P\u20662")]
    public async Task AnAliasWithControlOrTextDirectionCharactersIsRefusedAndNothingIsScheduled(string alias)
    {
        await using var host = await SessionTestHost.StartAsync();

        ExpectRefused(await host.Grain("se_new").ScheduleAsync(Moderator, new ScheduleSessionRequest(Guid.NewGuid(), host.Study.Id, alias, "M", null), default), SessionErrorCode.InvalidCharacters);
        Assert.Null(await host.Grain("se_new").GetStateAsync(default));
    }

    [Fact]
    public async Task ATooManyTagsNoteIsRefused()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        var tags = Enumerable.Repeat("confusion", SessionLimits.MaxTagsPerNote + 1).ToImmutableArray();

        ExpectRefused(await grain.AddNoteAsync(Observer, Note("x") with { Tags = tags }, default), SessionErrorCode.TooManyTags);
    }
}
