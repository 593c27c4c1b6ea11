namespace SessionLab.Sessions;

public sealed record QuestionnairePrompt(QuestionnaireKind Kind, string? TaskId, string? TaskTitle);
