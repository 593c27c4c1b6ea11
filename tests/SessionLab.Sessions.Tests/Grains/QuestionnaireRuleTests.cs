using SessionLab.Sessions.Tests.Support;
using static SessionLab.Sessions.Tests.Support.SessionTestHost;

namespace SessionLab.Sessions.Tests.Grains;

/// <summary>One questionnaire waits for the participant at a time, so no answer is ever left without its question.</summary>
public sealed class QuestionnaireRuleTests
{
    [Fact]
    public async Task AskingTheSeqWhileTheSusIsUnansweredIsRefusedAndTheSusAnswerStillCounts()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        await EndTaskAsync(grain, "t1");
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default));

        var seq = await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default);

        ExpectRefused(seq, SessionErrorCode.QuestionnairePending);
        Assert.Contains("SUS", seq.Error!.Message, StringComparison.Ordinal);
        Expect(await grain.AnswerSusAsync(Participant, new AnswerSusRequest(Guid.NewGuid(), [4, 2, 4, 1, 5, 2, 4, 2, 4, 1]), default));
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));
        Expect(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 6), default));
    }

    [Fact]
    public async Task AskingTheSusWhileAnSeqIsUnansweredIsRefusedNamingTheTask()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        await EndTaskAsync(grain, "t1");
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));

        var sus = await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default);

        ExpectRefused(sus, SessionErrorCode.QuestionnairePending);
        Assert.Contains(host.Study.FindTask("t1")!.Title, sus.Error!.Message, StringComparison.Ordinal);
        Expect(await grain.AnswerSeqAsync(Participant, new AnswerSeqRequest(Guid.NewGuid(), "t1", 6), default));
    }

    [Fact]
    public async Task TheModeratorRecordingThePendingAnswerLetsTheNextQuestionnaireGo()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        await EndTaskAsync(grain, "t1");
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"), default));

        Expect(await grain.AnswerSeqAsync(Moderator, new AnswerSeqRequest(Guid.NewGuid(), "t1", 3), default));

        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default));
    }

    [Fact]
    public async Task AskingThePendingQuestionnaireAgainSendsItAgain()
    {
        await using var host = await SessionTestHost.StartAsync();
        var grain = await host.NewSessionAsync();
        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default));

        Expect(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default));

        Expect(await grain.AnswerSusAsync(Participant, new AnswerSusRequest(Guid.NewGuid(), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), default));
        ExpectRefused(await grain.AskQuestionnaireAsync(Moderator, new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Sus, null), default), SessionErrorCode.QuestionnaireAlreadyAnswered);
    }

    private static async Task EndTaskAsync(ISessionGrain grain, string taskId)
    {
        Expect(await grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), taskId), default));
        Expect(await grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), taskId, TaskOutcome.Success), default));
    }
}
