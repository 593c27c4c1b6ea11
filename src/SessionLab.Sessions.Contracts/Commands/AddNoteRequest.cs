using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// A new note. <see cref="ClockOffsetMs"/> is the session clock when the author started typing;
/// <see cref="Tags"/> are palette tag names. <see cref="NoteId"/> and <see cref="Kind"/> are required: a missing one
/// arrives as all zeros or null and is refused, never filled in.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.AddNoteRequest")]
public sealed record AddNoteRequest(
    Guid CommandId,
    Guid NoteId,
    long ClockOffsetMs,
    string Text,
    ImmutableArray<string> Tags,
    NoteKind? Kind) : ISessionCommand;
