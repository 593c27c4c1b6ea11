using Orleans;

namespace SessionLab.Sessions;

/// <summary>The outcome of attaching a connection: the head sequence its relay replays up to, or why it may not join.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.ConnectResult")]
public sealed record ConnectResult(bool Ok, long HeadSequence, Study? Study, ParticipantView? ParticipantView, SessionError? Error)
{
    public static ConnectResult Rejected(SessionErrorCode code, string message) => new(false, 0, null, null, new SessionError(code, message));
}
