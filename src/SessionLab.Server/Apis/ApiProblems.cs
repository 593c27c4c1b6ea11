using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>RFC 9457 problem details for every refusal, carrying the same error code the hub uses.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult From(SessionError error) => TypedResults.Problem(
        detail: error.Message,
        statusCode: StatusFor(error.Code),
        title: TitleFor(error.Code),
        type: $"https://sessionlab.dev/problems/{CodeName(error.Code)}",
        extensions: new Dictionary<string, object?> { ["code"] = CodeName(error.Code) });

    public static ProblemHttpResult From(SessionErrorCode code, string message) => From(new SessionError(code, message));

    public static string CodeName(SessionErrorCode code) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(code.ToString());

    private static int StatusFor(SessionErrorCode code) => code switch
    {
        SessionErrorCode.InvalidToken or SessionErrorCode.TokenExpired => StatusCodes.Status401Unauthorized,
        SessionErrorCode.Forbidden or SessionErrorCode.NotNoteAuthor => StatusCodes.Status403Forbidden,
        SessionErrorCode.SessionNotFound or SessionErrorCode.StudyNotFound or SessionErrorCode.NoteNotFound or SessionErrorCode.TaskNotFound => StatusCodes.Status404NotFound,
        SessionErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        SessionErrorCode.SessionEnded or SessionErrorCode.SessionAlreadyExists or SessionErrorCode.SessionAlreadyStarted or SessionErrorCode.SessionNotLive
            or SessionErrorCode.TaskAlreadyActive or SessionErrorCode.TaskNotActive or SessionErrorCode.TaskAlreadyAttempted
            or SessionErrorCode.QuestionnaireAlreadyAnswered or SessionErrorCode.NoteAlreadyExists => StatusCodes.Status409Conflict,
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
        SessionErrorCode.Unavailable => "Temporarily unavailable",
        _ => "Request refused",
    };
}
