using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionLab.Server.Apis;

internal static partial class HttpApiLog
{
    public static void Refused(ILogger logger, HttpRequest request, ProblemHttpResult problem)
    {
        var details = problem.ProblemDetails;
        Refused(logger, request.Method, request.Path, problem.StatusCode, details.Extensions.TryGetValue("code", out var code) ? code : null, details.Detail);
    }

    // Debug, like ASP.NET Core's own binding failures: anyone can send these, and the client sees the detail in the answer.
    [LoggerMessage(EventId = 4300, Level = LogLevel.Debug, Message = "Refused {Method} {Path} with {StatusCode} {Code}: {Detail}")]
    private static partial void Refused(ILogger logger, string method, PathString path, int statusCode, object? code, string? detail);
}
