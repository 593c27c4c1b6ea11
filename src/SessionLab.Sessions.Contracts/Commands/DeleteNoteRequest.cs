using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.DeleteNoteRequest")]
public sealed record DeleteNoteRequest(Guid CommandId, Guid NoteId) : ISessionCommand;
