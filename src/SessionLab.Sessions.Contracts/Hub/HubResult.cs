namespace SessionLab.Sessions;

/// <summary>The result of a hub call that returns a value: the value, or a typed error. The connection stays usable either way.</summary>
public sealed record HubResult<T>(bool Ok, T? Value, SessionError? Error)
{
    public static HubResult<T> Success(T value) => new(true, value, null);

    public static HubResult<T> Failure(SessionErrorCode code, string message) => new(false, default, new SessionError(code, message));
}
