using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.AnswerSeqRequest")]
public sealed record AnswerSeqRequest(Guid CommandId, string TaskId, int Rating, string? Comment = null) : ISessionCommand;
