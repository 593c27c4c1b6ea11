using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// A tag added to the palette during the session: this session's notes may carry it from here on, whichever version
/// of the study it runs; the study itself gets the tag as a new version for later sessions.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.TagAddedToPalette")]
public sealed record TagAddedToPalette(TagDefinition Tag) : SessionEvent;
