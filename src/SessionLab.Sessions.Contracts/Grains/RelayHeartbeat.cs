using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>A relay's periodic word to a session grain: here I am, and these connections are still open on my node.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.RelayHeartbeat")]
public sealed record RelayHeartbeat(ISessionRelay Relay, ImmutableArray<RelayMember> Members);
