using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// Ends the session. A task still running ends with it, never left "in progress": with
/// <see cref="RunningTaskOutcome"/> when the moderator marked how it went, otherwise as
/// <see cref="TaskOutcome.Abandoned"/>. Without a running task the outcome is ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.EndSessionRequest")]
public sealed record EndSessionRequest(Guid CommandId, TaskOutcome? RunningTaskOutcome = null) : ISessionCommand;
