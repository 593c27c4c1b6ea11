using Orleans;

namespace SessionLab.Sessions;

/// <summary>The current task as a participant sees it: its number, title and instructions; never its success criteria.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.ParticipantTask")]
public sealed record ParticipantTask(string TaskId, int Number, string Title, string Instructions);
