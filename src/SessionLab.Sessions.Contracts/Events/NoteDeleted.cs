using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.NoteDeleted")]
public sealed record NoteDeleted(Guid NoteId) : SessionEvent;
