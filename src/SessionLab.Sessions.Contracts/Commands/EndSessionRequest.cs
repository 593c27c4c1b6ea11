namespace SessionLab.Sessions;

public sealed record EndSessionRequest(Guid CommandId) : ISessionCommand;
