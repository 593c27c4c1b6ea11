using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// Everything a participant's page may show, and nothing more: this type has no place for notes, tags,
/// observers or success criteria, so none can reach a participant by accident.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.ParticipantView")]
public sealed record ParticipantView(
    string SessionId,
    string StudyName,
    SessionStatus Status,
    int TaskCount,
    ParticipantTask? CurrentTask,
    QuestionnairePrompt? Prompt,
    long Sequence)
{
    public static ParticipantView From(SessionState state, Study study)
    {
        var current = state.ActiveTaskId is { } id && study.FindTask(id) is { } task
            ? new ParticipantTask(task.Id, study.Tasks.IndexOf(task) + 1, task.Title, task.Instructions)
            : null;
        var prompt = state.Pending switch
        {
            { Kind: QuestionnaireKind.Seq, TaskId: { } taskId } => new QuestionnairePrompt(QuestionnaireKind.Seq, taskId, study.FindTask(taskId)?.Title),
            { Kind: QuestionnaireKind.Sus } => new QuestionnairePrompt(QuestionnaireKind.Sus, null, null),
            _ => null,
        };
        return new ParticipantView(state.SessionId, study.Name, state.Status, study.Tasks.Length, current, prompt, state.Sequence);
    }
}
