using Orleans;

namespace SessionLab.Sessions;

/// <summary>The session's head sequence, and the participant's current view when the relay holds a participant.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.RelayHeartbeatResult")]
public sealed record RelayHeartbeatResult(long HeadSequence, ParticipantView? ParticipantView);
