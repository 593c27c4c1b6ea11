using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// One live session. Orleans keeps one activation per session id across the cluster and runs its calls one at a time;
/// every accepted command is appended to the session's durable log before its result is returned and before anyone
/// is sent the event.
/// </summary>
[Alias("SessionLab.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    [Alias("Schedule")]
    Task<CommandResult> ScheduleAsync(Actor actor, ScheduleSessionRequest request, CancellationToken cancellationToken = default);

    [Alias("StartSession")]
    Task<CommandResult> StartSessionAsync(Actor actor, StartSessionRequest request, CancellationToken cancellationToken = default);

    [Alias("EndSession")]
    Task<CommandResult> EndSessionAsync(Actor actor, EndSessionRequest request, CancellationToken cancellationToken = default);

    [Alias("CancelSession")]
    Task<CommandResult> CancelSessionAsync(Actor actor, CancelSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the session's log for good, unless it is live. The activation then refuses every call and goes away, so no
    /// node keeps serving, or writes back, a session that was deleted.
    /// </summary>
    [Alias("Delete")]
    Task<CommandResult> DeleteAsync(Actor actor, DeleteSessionRequest request, CancellationToken cancellationToken = default);

    [Alias("AddNote")]
    Task<CommandResult> AddNoteAsync(Actor actor, AddNoteRequest request, CancellationToken cancellationToken = default);

    [Alias("EditNote")]
    Task<CommandResult> EditNoteAsync(Actor actor, EditNoteRequest request, CancellationToken cancellationToken = default);

    [Alias("DeleteNote")]
    Task<CommandResult> DeleteNoteAsync(Actor actor, DeleteNoteRequest request, CancellationToken cancellationToken = default);

    [Alias("StartTask")]
    Task<CommandResult> StartTaskAsync(Actor actor, StartTaskRequest request, CancellationToken cancellationToken = default);

    [Alias("EndTask")]
    Task<CommandResult> EndTaskAsync(Actor actor, EndTaskRequest request, CancellationToken cancellationToken = default);

    [Alias("AskQuestionnaire")]
    Task<CommandResult> AskQuestionnaireAsync(Actor actor, AskQuestionnaireRequest request, CancellationToken cancellationToken = default);

    [Alias("AnswerSeq")]
    Task<CommandResult> AnswerSeqAsync(Actor actor, AnswerSeqRequest request, CancellationToken cancellationToken = default);

    [Alias("AnswerSus")]
    Task<CommandResult> AnswerSusAsync(Actor actor, AnswerSusRequest request, CancellationToken cancellationToken = default);

    [Alias("AddPaletteTag")]
    Task<CommandResult> AddPaletteTagAsync(Actor actor, AddPaletteTagRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches a connection held by the relay of the node it is connected to, registers that relay for the session's
    /// events, and answers the head sequence: the relay replays up to it from the log, and every later event reaches
    /// the relay live.
    /// </summary>
    [Alias("Connect")]
    Task<ConnectResult> ConnectAsync(SessionConnection connection, CancellationToken cancellationToken = default);

    [Alias("Disconnect")]
    Task DisconnectAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A relay says which of its connections are still in the session. This re-registers the relay with an activation
    /// that lost it (the grain moved or reloaded) and answers the head, so the relay can repair a lost delivery.
    /// </summary>
    [Alias("Heartbeat")]
    Task<RelayHeartbeatResult> HeartbeatAsync(RelayHeartbeat heartbeat, CancellationToken cancellationToken = default);

    [Alias("GetState")]
    Task<SessionState?> GetStateAsync(CancellationToken cancellationToken = default);
}
