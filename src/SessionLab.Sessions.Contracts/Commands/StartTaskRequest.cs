namespace SessionLab.Sessions;

public sealed record StartTaskRequest(Guid CommandId, string TaskId) : ISessionCommand;
