using Orleans;

namespace SessionLab.Sessions;

/// <summary>A scheduled session that will not run: called off, or the participant did not come (<see cref="NoShow"/>).</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionCancelled")]
public sealed record SessionCancelled(bool NoShow) : SessionEvent;
