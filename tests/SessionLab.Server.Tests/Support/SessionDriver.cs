using Microsoft.Extensions.DependencyInjection;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Support;

/// <summary>Runs a session through its grain as the moderator would from the session page; every command must be accepted.</summary>
internal sealed class SessionDriver(IGrainFactory grains, string sessionId)
{
    private static readonly Actor Moderator = new("moderator", "Mo", SessionRole.Moderator);

    public static SessionDriver For(SessionLabFactory factory, string sessionId) =>
        new(factory.Services.GetRequiredService<IGrainFactory>(), sessionId);

    private ISessionGrain Grain => grains.GetGrain<ISessionGrain>(sessionId);

    public Task<SessionDriver> StartAsync() => Accept(Grain.StartSessionAsync(Moderator, new StartSessionRequest(Guid.NewGuid()), default));

    public Task<SessionDriver> NoteAsync(string text, NoteKind kind, params string[] tags) =>
        Accept(Grain.AddNoteAsync(Moderator, new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 0, text, [.. tags], kind), default));

    public Task<SessionDriver> StartTaskAsync(string taskId) => Accept(Grain.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), taskId), default));

    public async Task<SessionDriver> TaskAsync(string taskId, TaskOutcome outcome, int? seq = null, int errors = 0)
    {
        await StartTaskAsync(taskId);
        await Accept(Grain.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), taskId, outcome, errors), default));
        return seq is { } rating ? await Accept(Grain.AnswerSeqAsync(Moderator, new AnswerSeqRequest(Guid.NewGuid(), taskId, rating), default)) : this;
    }

    public Task<SessionDriver> SusAsync(params int[] responses) =>
        Accept(Grain.AnswerSusAsync(Moderator, new AnswerSusRequest(Guid.NewGuid(), [.. responses]), default));

    public Task<SessionDriver> EndAsync() => Accept(Grain.EndSessionAsync(Moderator, new EndSessionRequest(Guid.NewGuid()), default));

    private async Task<SessionDriver> Accept(Task<CommandResult> command)
    {
        var result = await command.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.Ok, $"{sessionId}: {result.Error?.Code} {result.Error?.Message}");
        return this;
    }
}
