namespace SessionLab.Sessions;

public sealed record DeleteNoteRequest(Guid CommandId, Guid NoteId) : ISessionCommand;
