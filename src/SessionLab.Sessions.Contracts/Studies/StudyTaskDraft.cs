using Orleans;

namespace SessionLab.Sessions;

/// <param name="Id">When editing a study, the id of the task this draft changes; none for a new task.</param>
[GenerateSerializer, Immutable, Alias("SessionLab.StudyTaskDraft")]
public sealed record StudyTaskDraft(string Title, string Instructions, string? SuccessCriteria, int? TimeLimitSeconds, string? Id = null);
