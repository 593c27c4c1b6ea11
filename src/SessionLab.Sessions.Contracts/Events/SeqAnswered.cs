using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.SeqAnswered")]
public sealed record SeqAnswered(string TaskId, int Rating, string? Comment) : SessionEvent;
