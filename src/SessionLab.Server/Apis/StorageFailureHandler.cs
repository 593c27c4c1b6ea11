using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace SessionLab.Server.Apis;

/// <summary>
/// A store that cannot be read or written (a full or read-only disk, a database that is down) answers 503
/// storageUnavailable, so a client knows to retry later rather than read a bare 500 as a bug in its request.
/// The store's own transaction has already rolled back: nothing was changed.
/// </summary>
internal sealed partial class StorageFailureHandler(ILogger<StorageFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested || StorageFailure(exception) is not { } failure)
        {
            return false;
        }
        StorageFailed(logger, httpContext.Request.Method, httpContext.Request.Path, failure.GetType().Name, failure.Message);
        var problem = ApiProblems.StorageUnavailable("The server could not read or save its data just now; nothing was changed. Try again in a moment.");
        httpContext.Response.Headers.RetryAfter = "5";
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The database or file failure behind the exception, however it was wrapped.</summary>
    private static Exception? StorageFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // A request the client could not send whole is an IOException too; it is the client's, not the store's.
            if (current is BadHttpRequestException)
            {
                return null;
            }
            if (current is DbException or IOException)
            {
                return current;
            }
        }
        return null;
    }

    [LoggerMessage(EventId = 4310, Level = LogLevel.Error, Message = "Storage failed during {Method} {Path}: {ExceptionType}: {Reason}")]
    private static partial void StorageFailed(ILogger logger, string method, PathString path, string exceptionType, string reason);
}
