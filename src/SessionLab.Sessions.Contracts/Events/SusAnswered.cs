using System.Collections.Immutable;

namespace SessionLab.Sessions;

/// <summary>The ten SUS item responses (1–5) in questionnaire order.</summary>
public sealed record SusAnswered(ImmutableArray<int> Responses) : SessionEvent;
