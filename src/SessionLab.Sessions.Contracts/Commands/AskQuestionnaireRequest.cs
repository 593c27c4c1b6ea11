using Orleans;

namespace SessionLab.Sessions;

/// <summary>The moderator sends a questionnaire to the participant: SEQ for a task that has ended (<see cref="TaskId"/> required), or SUS.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.AskQuestionnaireRequest")]
public sealed record AskQuestionnaireRequest(Guid CommandId, QuestionnaireKind? Kind, string? TaskId) : ISessionCommand;
