namespace SessionLab.Sessions;

public sealed record TaskEnded(string TaskId, long ClockOffsetMs, TaskOutcome Outcome, int Errors, int Assists, string? Comment) : SessionEvent;
