namespace SessionLab.Sessions;

public sealed record StartSessionRequest(Guid CommandId) : ISessionCommand;
