namespace SessionLab.Sessions;

public sealed record NoteDeleted(Guid NoteId) : SessionEvent;
