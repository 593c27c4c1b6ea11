using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.StartTaskRequest")]
public sealed record StartTaskRequest(Guid CommandId, string TaskId) : ISessionCommand;
