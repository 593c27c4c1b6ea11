using Orleans;

namespace SessionLab.Sessions;

/// <summary>A tag of the study's palette: its name (without '#'), a CSS colour and an optional hotkey 1–9.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.TagDefinition")]
public sealed record TagDefinition(string Name, string Color, int? Hotkey);
