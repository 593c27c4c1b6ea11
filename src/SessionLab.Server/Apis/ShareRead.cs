namespace SessionLab.Server.Apis;

/// <summary>What a session route would show a view-only link's holder: one note's clip, or one tag's highlight reel.</summary>
internal sealed record ShareRead(Guid? NoteId, string? Tag)
{
    public static ShareRead Clip(Guid noteId) => new(noteId, null);

    public static ShareRead Highlights(string tag) => new(null, tag);
}
