using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.StudyTaskDraft")]
public sealed record StudyTaskDraft(string Title, string Instructions, string? SuccessCriteria, int? TimeLimitSeconds);
