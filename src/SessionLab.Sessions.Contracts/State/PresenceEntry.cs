using Orleans;

namespace SessionLab.Sessions;

/// <summary>One person connected to a session (with any number of tabs). Shown to the team, never to the participant.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.PresenceEntry")]
public sealed record PresenceEntry(string ActorId, string DisplayName, SessionRole Role, int Connections);
