using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public static class AccessApi
{
    public static RouteGroupBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/access").WithTags("Access");
        api.MapGet("/", GetAccess);
        return api;
    }

    /// <summary>
    /// Answers only with what the token itself says, so it is safe for any holder, the participant included:
    /// no notes, no study details.
    /// </summary>
    internal static Results<Ok<TokenAccess>, ProblemHttpResult> GetAccess(TokenService tokens, HttpContext http)
    {
        var token = ApiAccess.BearerToken(http);
        var owner = tokens.Validate(token, TokenKind.StudyOwner);
        if (owner.Claims is { } o)
        {
            return TypedResults.Ok(new TokenAccess(TokenKind.StudyOwner, o.Scope, null, null, o.ExpiresAt));
        }
        var invite = tokens.Validate(token, TokenKind.SessionInvite);
        if (invite.Claims is { } i)
        {
            return TypedResults.Ok(new TokenAccess(TokenKind.SessionInvite, null, i.Scope, i.Role, i.ExpiresAt));
        }
        return ApiProblems.From(invite.Error!.Code == SessionErrorCode.TokenExpired ? invite.Error : owner.Error!);
    }
}
