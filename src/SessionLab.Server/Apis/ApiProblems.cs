using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>RFC 9457 problem details for every refusal, carrying the same error code the hub uses.</summary>
internal static class ApiProblems
{
    /// <summary>Codes of refusals the HTTP layer makes before any endpoint runs; the hub has no use for them.</summary>
    public const string NotFoundCode = "notFound";
    public const string MethodNotAllowedCode = "methodNotAllowed";
    public const string UnsupportedMediaTypeCode = "unsupportedMediaType";
    public const string StorageUnavailableCode = "storageUnavailable";

    public static ProblemHttpResult From(SessionError error) =>
        Create(StatusFor(error.Code), CodeName(error.Code), TitleFor(error.Code), error.Message);

    public static ProblemHttpResult From(SessionErrorCode code, string message) => From(new SessionError(code, message));

    /// <summary>A request that could not be read (malformed JSON, a value of the wrong type); <paramref name="errors"/> names the fields, as a validation problem does.</summary>
    public static ProblemHttpResult InvalidRequest(string detail, IDictionary<string, string[]>? errors = null, int status = StatusCodes.Status400BadRequest) =>
        Create(status, CodeName(SessionErrorCode.InvalidRequest), TitleFor(SessionErrorCode.InvalidRequest), detail, errors is { Count: > 0 } ? [new("errors", errors)] : null);

    /// <summary>Nothing at this path: no endpoint, or a path that stops before the name it needs.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, NotFoundCode, "Not found", detail);

    /// <summary>The path exists for other methods; the caller sets the <c>Allow</c> header.</summary>
    public static ProblemHttpResult MethodNotAllowed(string detail) =>
        Create(StatusCodes.Status405MethodNotAllowed, MethodNotAllowedCode, "Method not allowed", detail);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaTypeCode, "Unsupported media type", detail);

    /// <summary>A store could not be read or written; nothing was changed and the request may be retried.</summary>
    public static ProblemHttpResult StorageUnavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, StorageUnavailableCode, "Storage unavailable", detail);

    public static ProblemHttpResult Create(int status, string code, string title, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var members = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? [])
        {
            members[key] = value;
        }
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://sessionlab.dev/problems/{code}", extensions: members);
    }

    public static string CodeName(SessionErrorCode code) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(code.ToString());

    /// <summary>
    /// The protocol promises a <c>code</c> on every error. Problems the framework writes (validation problems, status
    /// code pages) have none; give them the one their status means.
    /// </summary>
    public static void AddMissingCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }
        var code = problem.Status switch
        {
            StatusCodes.Status400BadRequest => CodeName(SessionErrorCode.InvalidRequest),
            StatusCodes.Status404NotFound => NotFoundCode,
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowedCode,
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaTypeCode,
            _ => null,
        };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }
    }

    private static int StatusFor(SessionErrorCode code) => code switch
    {
        SessionErrorCode.InvalidToken or SessionErrorCode.TokenExpired => StatusCodes.Status401Unauthorized,
        SessionErrorCode.Forbidden or SessionErrorCode.NotNoteAuthor => StatusCodes.Status403Forbidden,
        SessionErrorCode.SessionNotFound or SessionErrorCode.StudyNotFound or SessionErrorCode.NoteNotFound or SessionErrorCode.TaskNotFound => StatusCodes.Status404NotFound,
        SessionErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        SessionErrorCode.SessionEnded or SessionErrorCode.SessionAlreadyExists or SessionErrorCode.SessionAlreadyStarted or SessionErrorCode.SessionNotLive
            or SessionErrorCode.TaskAlreadyActive or SessionErrorCode.TaskNotActive or SessionErrorCode.TaskAlreadyAttempted
            or SessionErrorCode.QuestionnaireAlreadyAnswered or SessionErrorCode.QuestionnairePending or SessionErrorCode.NoteAlreadyExists
            or SessionErrorCode.StudyVersionStale or SessionErrorCode.SessionCancelled or SessionErrorCode.SessionLive or SessionErrorCode.StudyArchived => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleFor(SessionErrorCode code) => code switch
    {
        SessionErrorCode.InvalidToken => "Invalid token",
        SessionErrorCode.TokenExpired => "Token expired",
        SessionErrorCode.Forbidden => "Not allowed for this role",
        SessionErrorCode.SessionNotFound => "Session not found",
        SessionErrorCode.StudyNotFound => "Study not found",
        SessionErrorCode.SessionEnded => "Session ended",
        SessionErrorCode.SessionCancelled => "Session called off",
        SessionErrorCode.SessionLive => "Session is live",
        SessionErrorCode.StudyArchived => "Study archived",
        SessionErrorCode.Unavailable => "Temporarily unavailable",
        _ => "Request refused",
    };
}
