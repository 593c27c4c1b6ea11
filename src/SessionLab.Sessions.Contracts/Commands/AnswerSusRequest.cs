using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.AnswerSusRequest")]
public sealed record AnswerSusRequest(Guid CommandId, ImmutableArray<int> Responses) : ISessionCommand;
