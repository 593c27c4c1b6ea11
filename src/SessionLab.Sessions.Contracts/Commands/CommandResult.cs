using Orleans;

namespace SessionLab.Sessions;

/// <summary>The answer to every command: accepted with the sequence number of its event, or rejected with a typed error.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.CommandResult")]
public sealed record CommandResult(bool Ok, long? Sequence, SessionError? Error)
{
    public static CommandResult Accepted(long sequence) => new(true, sequence, null);

    public static CommandResult Rejected(SessionErrorCode code, string message) => new(false, null, new SessionError(code, message));

    public static CommandResult Rejected(SessionError error) => new(false, null, error);
}
