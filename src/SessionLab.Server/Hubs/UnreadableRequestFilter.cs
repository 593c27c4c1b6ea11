using Microsoft.AspNetCore.SignalR;
using SessionLab.Sessions;

namespace SessionLab.Server.Hubs;

/// <summary>
/// Answers an invocation whose request could not be read the way the hub answers every refusal: with the method's own
/// result type (<see cref="CommandResult"/>, or <see cref="HubResult{T}"/> for Join) carrying invalidRequest and what
/// was wrong, so a client handles it like any other refusal and the connection stays usable. The hub method never runs.
/// </summary>
internal sealed class UnreadableRequestFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.HubMethodArguments.OfType<UnreadableHubRequest>().FirstOrDefault() is not { } unreadable)
        {
            return next(invocationContext);
        }
        var error = new SessionError(SessionErrorCode.InvalidRequest, unreadable.Detail);
        var returned = invocationContext.HubMethod.ReturnType;
        var result = returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(Task<>) ? returned.GetGenericArguments()[0] : returned;
        object? refusal = result == typeof(CommandResult)
            ? CommandResult.Rejected(error)
            : result.IsGenericType && result.GetGenericTypeDefinition() == typeof(HubResult<>)
                ? Activator.CreateInstance(result, false, null, error)
                : throw new HubException(unreadable.Detail);
        return ValueTask.FromResult(refusal);
    }
}
