namespace SessionLab.Sessions;

public sealed record AnswerSeqRequest(Guid CommandId, string TaskId, int Rating, string? Comment = null) : ISessionCommand;
