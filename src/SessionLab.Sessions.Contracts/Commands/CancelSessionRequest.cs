using Orleans;

namespace SessionLab.Sessions;

/// <summary>Calls off a session that has not started; <see cref="NoShow"/> says the participant did not come.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.CancelSessionRequest")]
public sealed record CancelSessionRequest(Guid CommandId, bool NoShow) : ISessionCommand;
