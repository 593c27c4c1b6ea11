using Orleans;

namespace SessionLab.Sessions;

/// <summary>The moderator asks the participant a questionnaire: SEQ names the task it is about, SUS has none.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.QuestionnaireRequested")]
public sealed record QuestionnaireRequested(QuestionnaireKind Kind, string? TaskId) : SessionEvent;
