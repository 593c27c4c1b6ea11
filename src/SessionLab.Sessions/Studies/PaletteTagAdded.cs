namespace SessionLab.Sessions.Studies;

/// <summary>
/// What became of adding a tag to a study's palette: the version that has it (a new one, or the latest when the tag
/// was already there), or the fields that were wrong. Neither when the study does not exist.
/// </summary>
public sealed record PaletteTagAdded(Study? Study, Dictionary<string, string[]> Errors);
