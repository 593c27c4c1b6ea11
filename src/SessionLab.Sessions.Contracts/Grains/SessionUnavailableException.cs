using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// The session could not save a command (its log failed or refused the write). Nothing was applied or acknowledged:
/// the caller may send the same command again.
/// </summary>
[GenerateSerializer, Alias("SessionLab.SessionUnavailableException")]
public sealed class SessionUnavailableException : Exception
{
    public SessionUnavailableException()
    {
    }

    public SessionUnavailableException(string message)
        : base(message)
    {
    }

    public SessionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
