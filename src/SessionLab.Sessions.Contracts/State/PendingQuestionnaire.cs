using Orleans;

namespace SessionLab.Sessions;

/// <summary>A questionnaire the moderator sent and the participant has not answered yet.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.PendingQuestionnaire")]
public sealed record PendingQuestionnaire(QuestionnaireKind Kind, string? TaskId);
