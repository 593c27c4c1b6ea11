namespace SessionLab.Sessions;

public enum NoteKind
{
    Observation,
    Quote,
    Issue,
    Positive,
    Idea,
}
