namespace SessionLab.Sessions;

public sealed record StudyTaskDraft(string Title, string Instructions, string? SuccessCriteria, int? TimeLimitSeconds);
