using Microsoft.AspNetCore.Diagnostics;
using SessionLab.Server.Apis;
using SessionLab.Sessions;

namespace SessionLab.Server.Cluster;

/// <summary>
/// A grain call that could not reach its grain (its node was just killed and the cluster has not yet noticed, or the
/// grain's own store failed) answers 503 <c>unavailable</c> with a Retry-After, as the hub answers a command it could
/// not confirm: every such request is safe to send again (chunks are staged by index, commands carry their ids),
/// and a client knows to retry rather than read a bare 500 as a bug in its request.
/// </summary>
internal sealed partial class ClusterFailureHandler(ILogger<ClusterFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested || ClusterFailure(exception) is not { } failure)
        {
            return false;
        }
        ClusterCallFailed(logger, httpContext.Request.Method, httpContext.Request.Path, failure.GetType().Name, failure.Message);
        httpContext.Response.Headers.RetryAfter = "2";
        await ApiProblems.From(SessionErrorCode.Unavailable,
            "Part of the server cluster did not answer just now (a server may be restarting). Send the request again in a moment; it is applied at most once.")
            .ExecuteAsync(httpContext);
        return true;
    }

    private static Exception? ClusterFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SiloUnavailableException or OrleansMessageRejectionException or SessionUnavailableException
                || (current is TimeoutException && current.Source?.StartsWith("Orleans", StringComparison.Ordinal) == true))
            {
                return current;
            }
        }
        return null;
    }

    [LoggerMessage(EventId = 4320, Level = LogLevel.Warning, Message = "A grain call failed during {Method} {Path}: {ExceptionType}: {Reason}")]
    private static partial void ClusterCallFailed(ILogger logger, string method, PathString path, string exceptionType, string reason);
}
