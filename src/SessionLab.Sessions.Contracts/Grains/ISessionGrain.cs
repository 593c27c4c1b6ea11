namespace SessionLab.Sessions;

/// <summary>
/// One live session. One activation per session id handles its calls one at a time; every accepted command is
/// appended to the session's event log before its result is returned and before anyone is notified.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    Task<CommandResult> ScheduleAsync(Actor actor, ScheduleSessionRequest request, CancellationToken cancellationToken);

    Task<CommandResult> StartSessionAsync(Actor actor, StartSessionRequest request, CancellationToken cancellationToken);

    Task<CommandResult> EndSessionAsync(Actor actor, EndSessionRequest request, CancellationToken cancellationToken);

    Task<CommandResult> AddNoteAsync(Actor actor, AddNoteRequest request, CancellationToken cancellationToken);

    Task<CommandResult> EditNoteAsync(Actor actor, EditNoteRequest request, CancellationToken cancellationToken);

    Task<CommandResult> DeleteNoteAsync(Actor actor, DeleteNoteRequest request, CancellationToken cancellationToken);

    Task<CommandResult> StartTaskAsync(Actor actor, StartTaskRequest request, CancellationToken cancellationToken);

    Task<CommandResult> EndTaskAsync(Actor actor, EndTaskRequest request, CancellationToken cancellationToken);

    Task<CommandResult> AskQuestionnaireAsync(Actor actor, AskQuestionnaireRequest request, CancellationToken cancellationToken);

    Task<CommandResult> AnswerSeqAsync(Actor actor, AnswerSeqRequest request, CancellationToken cancellationToken);

    Task<CommandResult> AnswerSusAsync(Actor actor, AnswerSusRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches a connection in the same turn that replays what it missed, so no event is skipped or sent twice
    /// between the replay and live delivery.
    /// </summary>
    Task<ConnectResult> ConnectAsync(SessionConnection connection, CancellationToken cancellationToken);

    Task DisconnectAsync(string connectionId, CancellationToken cancellationToken);

    Task<SessionState?> GetStateAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionEventEnvelope>> GetEventsAsync(long afterSequence, CancellationToken cancellationToken);
}
