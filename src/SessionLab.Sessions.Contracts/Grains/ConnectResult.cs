namespace SessionLab.Sessions;

/// <summary>The outcome of attaching a connection: the session's head sequence once the replay was sent, or why not.</summary>
public sealed record ConnectResult(bool Ok, long HeadSequence, Study? Study, ParticipantView? ParticipantView, SessionError? Error)
{
    public static ConnectResult Rejected(SessionErrorCode code, string message) => new(false, 0, null, null, new SessionError(code, message));
}
