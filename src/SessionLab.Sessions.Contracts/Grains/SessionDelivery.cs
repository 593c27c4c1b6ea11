using Orleans;

namespace SessionLab.Sessions;

/// <summary>An event for the team and, when the event changed it, the participant's new view.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionDelivery")]
public sealed record SessionDelivery(SessionEventEnvelope Event, ParticipantView? ParticipantView);
