using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionLab.Server.Apis;

/// <summary>
/// What answers an <c>/api</c> request no endpoint took. Unknown API paths are API errors, not pages, so this fallback
/// keeps them from the browser app's; and since it takes every method and content type, it also says what routing
/// would have: 405 with <c>Allow</c> for a path that exists for other methods, 415 for a JSON endpoint sent another
/// media type, 400 for a missing body. Only a path that names nothing is 404.
/// </summary>
internal static class ApiFallback
{
    public const string Pattern = "/api/{**path}";

    public static IEndpointConventionBuilder MapApiFallback(this IEndpointRouteBuilder app) =>
        app.MapFallback(Pattern, Answer).ExcludeFromDescription();

    internal static ProblemHttpResult Answer(HttpContext http, ApiRouteTable routes, ILoggerFactory loggers)
    {
        var problem = Refusal(http, routes.MatchPath(http));
        HttpApiLog.Refused(loggers.CreateLogger(typeof(ApiFallback)), http.Request, problem);
        return problem;
    }

    private static ProblemHttpResult Refusal(HttpContext http, IReadOnlyList<ApiRouteTable.Route> routes)
    {
        var request = http.Request;
        var path = request.Path.Value;
        var sameMethod = routes.Where(r => r.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (routes.Count > 0 && sameMethod.Count == 0)
        {
            var allow = string.Join(", ", routes.SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));
            http.Response.Headers.Allow = allow;
            return ApiProblems.MethodNotAllowed($"{path} takes {allow}, not {request.Method}.");
        }
        var mediaTypes = sameMethod.SelectMany(r => r.Accepts?.ContentTypes ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (mediaTypes.Count > 0)
        {
            var send = $"Content-Type: {string.Join(" or ", mediaTypes)}";
            // Routing turns a request without Content-Type away from a body endpoint before the endpoint can say it
            // needs a body; say it here.
            return string.IsNullOrEmpty(request.ContentType) && !HasBody(request)
                ? ApiProblems.InvalidRequest($"{request.Method} {path} needs a JSON body; send one with {send}.")
                : ApiProblems.UnsupportedMediaType(
                    $"{request.Method} {path} reads JSON, and this body was sent as {(string.IsNullOrEmpty(request.ContentType) ? "nothing in particular (no Content-Type)" : request.ContentType)}; send it as JSON with {send}.");
        }
        return ApiProblems.NotFound($"There is no API endpoint at {path}.");
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
