using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// A new note. <see cref="ClockOffsetMs"/> is the session clock when the author started typing;
/// <see cref="Tags"/> are palette tag names without '#'.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.AddNoteRequest")]
public sealed record AddNoteRequest(
    Guid CommandId,
    Guid NoteId,
    long ClockOffsetMs,
    string Text,
    ImmutableArray<string> Tags,
    NoteKind Kind = NoteKind.Observation) : ISessionCommand;
