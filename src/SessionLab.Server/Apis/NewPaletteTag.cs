namespace SessionLab.Server.Apis;

/// <summary>A tag to add to a study's palette; without a colour it gets a neutral one.</summary>
public sealed record NewPaletteTag(string? Name, string? Color, int? Hotkey);
