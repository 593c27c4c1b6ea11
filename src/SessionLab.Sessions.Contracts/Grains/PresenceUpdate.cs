using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>Who is connected to a session. <see cref="Version"/> only grows, so a relay drops an update older than one it sent.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.PresenceUpdate")]
public sealed record PresenceUpdate(string SessionId, long Version, ImmutableArray<PresenceEntry> People);
