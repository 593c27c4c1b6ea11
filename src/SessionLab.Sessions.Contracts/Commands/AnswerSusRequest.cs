using System.Collections.Immutable;

namespace SessionLab.Sessions;

public sealed record AnswerSusRequest(Guid CommandId, ImmutableArray<int> Responses) : ISessionCommand;
