using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionLab.Accounts;

/// <summary>Problem details (RFC 9457) with the <c>code</c> every SessionLab refusal carries.</summary>
public static class AccountProblems
{
    public const string SignInRequired = "signInRequired";
    public const string SignInFailed = "signInFailed";
    public const string LockedOut = "lockedOut";
    public const string AlreadySetUp = "alreadySetUp";
    public const string LastOwner = "lastOwner";
    public const string Forbidden = "forbidden";
    public const string InvalidToken = "invalidToken";
    public const string TokenExpired = "tokenExpired";
    public const string InvalidRequest = "invalidRequest";
    public const string WorkspaceNotFound = "workspaceNotFound";
    public const string InvitationUsed = "invitationUsed";
    public const string RateLimited = "rateLimited";

    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://sessionlab.dev/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Invalid(string detail) => Create(StatusCodes.Status400BadRequest, InvalidRequest, "Request refused", detail);

    public static ProblemHttpResult NotAllowed(string detail) => Create(StatusCodes.Status403Forbidden, Forbidden, "Not allowed for this role", detail);

    public static ProblemHttpResult Token(Tokens.TokenReadStatus status, string what) => status == Tokens.TokenReadStatus.Expired
        ? Create(StatusCodes.Status401Unauthorized, TokenExpired, "Token expired", $"This {what} has expired; ask for a new one.")
        : Create(StatusCodes.Status401Unauthorized, InvalidToken, "Invalid token", $"This {what} was not issued by this server or was altered; check you copied all of it.");
}
