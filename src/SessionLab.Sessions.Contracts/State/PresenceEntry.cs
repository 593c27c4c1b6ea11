namespace SessionLab.Sessions;

/// <summary>One person connected to a session (with any number of tabs). Shown to the team, never to the participant.</summary>
public sealed record PresenceEntry(string ActorId, string DisplayName, SessionRole Role, int Connections);
