using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>The ten SUS item responses (1–5) in questionnaire order.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SusAnswered")]
public sealed record SusAnswered(ImmutableArray<int> Responses) : SessionEvent;
