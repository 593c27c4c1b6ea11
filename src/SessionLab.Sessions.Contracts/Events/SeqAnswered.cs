namespace SessionLab.Sessions;

public sealed record SeqAnswered(string TaskId, int Rating, string? Comment) : SessionEvent;
