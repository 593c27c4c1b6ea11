using System.Collections.Immutable;

namespace SessionLab.Sessions;

public sealed record NoteEdited(Guid NoteId, string Text, ImmutableArray<string> Tags, NoteKind Kind) : SessionEvent;
