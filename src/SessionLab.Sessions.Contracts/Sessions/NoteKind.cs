using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.NoteKind")]
public enum NoteKind
{
    Observation,
    Quote,
    Issue,
    Positive,
    Idea,
}
