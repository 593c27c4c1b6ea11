using System.Collections.Immutable;

namespace SessionLab.Recordings;

/// <summary>The clips of a session's notes with one tag, in session-clock order; notes no recording covers are named, not dropped silently.</summary>
public sealed record HighlightReel(string Tag, ImmutableArray<Clip> Clips, ImmutableArray<Guid> NotesWithoutRecording);
