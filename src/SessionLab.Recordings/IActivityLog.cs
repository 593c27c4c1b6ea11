namespace SessionLab.Recordings;

/// <summary>
/// Where the recordings feature tells who did what to a study's recordings (uploaded one, exported a clip). The server
/// writes it to the audit log of the study's workspace, with the signed-in member or the session link as the actor.
/// </summary>
public interface IActivityLog
{
    Task RecordAsync(HttpContext http, string studyId, string action, string target, string? detail, CancellationToken cancellationToken);
}

/// <summary>Tells no one: what the recordings feature does on its own.</summary>
internal sealed class NoActivityLog : IActivityLog
{
    public Task RecordAsync(HttpContext http, string studyId, string action, string target, string? detail, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
