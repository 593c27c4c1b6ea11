using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.EndSessionRequest")]
public sealed record EndSessionRequest(Guid CommandId) : ISessionCommand;
