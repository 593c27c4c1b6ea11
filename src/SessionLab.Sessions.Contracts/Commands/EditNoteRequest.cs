using System.Collections.Immutable;

namespace SessionLab.Sessions;

public sealed record EditNoteRequest(Guid CommandId, Guid NoteId, string Text, ImmutableArray<string> Tags, NoteKind Kind) : ISessionCommand;
