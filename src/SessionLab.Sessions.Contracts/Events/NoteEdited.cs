using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.NoteEdited")]
public sealed record NoteEdited(Guid NoteId, string Text, ImmutableArray<string> Tags, NoteKind Kind) : SessionEvent;
