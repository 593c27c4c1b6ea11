using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.QuestionnairePrompt")]
public sealed record QuestionnairePrompt(QuestionnaireKind Kind, string? TaskId, string? TaskTitle);
