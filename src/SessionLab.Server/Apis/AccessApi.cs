using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public static class AccessApi
{
    public static RouteGroupBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/access").WithTags("Access");
        api.MapGet("/", GetAccessAsync);
        return api;
    }

    /// <summary>
    /// Answers only with what the token itself says, so it is safe for any holder, the participant included:
    /// no notes, no study details.
    /// </summary>
    internal static async Task<Results<Ok<TokenAccess>, ProblemHttpResult>> GetAccessAsync(TokenService tokens, ApiAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        var token = ApiAccess.BearerToken(http);
        var invite = tokens.Validate(token, TokenKind.SessionInvite);
        if (invite.Claims is { } i)
        {
            return TypedResults.Ok(new TokenAccess(TokenKind.SessionInvite, null, i.Scope, i.Role, i.ExpiresAt));
        }
        // A view-only link's page asks here first, so it can tell its holder at once that the link expired or was revoked.
        var share = tokens.Validate(token, TokenKind.ReportShare);
        if (share.Claims is not null || share.ExpiredClaims is not null)
        {
            var check = await access.CheckShareAsync(token, cancellationToken);
            return check.Link is { } link
                ? TypedResults.Ok(new TokenAccess(TokenKind.ReportShare, link.StudyId, link.SessionId, null, link.ExpiresAt, link.Scope, link.NoteId, link.Tag))
                : check.Problem!;
        }
        return ApiProblems.From(invite.Error!);
    }
}
