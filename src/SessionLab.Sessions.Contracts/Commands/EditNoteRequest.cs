using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.EditNoteRequest")]
public sealed record EditNoteRequest(Guid CommandId, Guid NoteId, string Text, ImmutableArray<string> Tags, NoteKind? Kind) : ISessionCommand;
