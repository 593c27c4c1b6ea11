using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// One task of a study. <see cref="Instructions"/> are shown to the participant;
/// <see cref="SuccessCriteria"/> are for the team only and never leave the server towards a participant.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.StudyTask")]
public sealed record StudyTask(string Id, string Title, string Instructions, string SuccessCriteria, int? TimeLimitSeconds);
