using System.Text.Json;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>What a hub call came back with: the method's typed result, or SignalR's invocation error when it could not be called.</summary>
internal sealed record HubOutcome(JsonElement Result, string? InvocationError)
{
    /// <summary>
    /// The typed error code (<c>noteTooLong</c>) or <c>ok</c>; for SignalR's own refusals, <c>binding</c> (the request
    /// could not be read into the method's type), <c>argumentCount</c>, <c>unknownMethod</c>, or <c>invocationError</c> for anything else.
    /// </summary>
    public string Code => InvocationError switch
    {
        null => Result.GetProperty("ok").GetBoolean() ? "ok" : Result.GetProperty("error").GetProperty("code").GetString()!,
        var m when m.Contains("Error binding arguments", StringComparison.Ordinal) => "binding",
        var m when m.Contains("argument(s) but target expects", StringComparison.Ordinal) => "argumentCount",
        var m when m.Contains("does not exist", StringComparison.Ordinal) || m.Contains("Unknown hub method", StringComparison.Ordinal) => "unknownMethod",
        _ => "invocationError",
    };

    public override string ToString() => InvocationError ?? Result.ToString();
}
