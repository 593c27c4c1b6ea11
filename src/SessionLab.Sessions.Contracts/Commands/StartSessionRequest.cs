using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.StartSessionRequest")]
public sealed record StartSessionRequest(Guid CommandId) : ISessionCommand;
