using Orleans;

namespace SessionLab.Sessions;

/// <summary>A moderator adds a tag to the study's palette from a live session, when a note needs one the palette lacks.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.AddPaletteTagRequest")]
public sealed record AddPaletteTagRequest(Guid CommandId, string Name) : ISessionCommand;
