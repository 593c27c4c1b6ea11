using SessionLab.Sessions.Grains;

namespace SessionLab.Sessions.Runtime;

/// <summary>What callers hold instead of the grain: every call is routed through the runtime's single activation and turn.</summary>
internal sealed class SessionGrainReference(SessionGrainRuntime runtime, string sessionId) : ISessionGrain
{
    public Task<CommandResult> ScheduleAsync(Actor actor, ScheduleSessionRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.ScheduleAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> StartSessionAsync(Actor actor, StartSessionRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.StartSessionAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> EndSessionAsync(Actor actor, EndSessionRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.EndSessionAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> AddNoteAsync(Actor actor, AddNoteRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.AddNoteAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> EditNoteAsync(Actor actor, EditNoteRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.EditNoteAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> DeleteNoteAsync(Actor actor, DeleteNoteRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.DeleteNoteAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> StartTaskAsync(Actor actor, StartTaskRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.StartTaskAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> EndTaskAsync(Actor actor, EndTaskRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.EndTaskAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> AskQuestionnaireAsync(Actor actor, AskQuestionnaireRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.AskQuestionnaireAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> AnswerSeqAsync(Actor actor, AnswerSeqRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.AnswerSeqAsync(actor, request, ct), cancellationToken);

    public Task<CommandResult> AnswerSusAsync(Actor actor, AnswerSusRequest request, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.AnswerSusAsync(actor, request, ct), cancellationToken);

    public Task<ConnectResult> ConnectAsync(SessionConnection connection, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.ConnectAsync(connection, ct), cancellationToken);

    public Task DisconnectAsync(string connectionId, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, async (g, ct) => { await g.DisconnectAsync(connectionId, ct); return true; }, cancellationToken);

    public Task<SessionState?> GetStateAsync(CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.GetStateAsync(ct), cancellationToken);

    public Task<IReadOnlyList<SessionEventEnvelope>> GetEventsAsync(long afterSequence, CancellationToken cancellationToken) =>
        runtime.InvokeAsync(sessionId, (g, ct) => g.GetEventsAsync(afterSequence, ct), cancellationToken);
}
