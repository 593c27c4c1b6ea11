using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Accounts;
using SessionLab.Accounts.Workspaces;
using SessionLab.Server.Apis;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Server.Workspaces;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Sharing;

/// <summary>
/// A study's view-only links, for its owner: make one (to the report, a clip or a highlight reel) with an expiry, list
/// them, revoke one. Whether a link opens something is decided in <see cref="ApiAccess"/>, not here.
/// </summary>
public static class ShareLinksApi
{
    public const int MaxExpiresInDays = 90;
    public const int DefaultExpiresInDays = 7;

    public static RouteGroupBuilder MapShareLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/studies/{studyId}/shares").WithTags("Sharing").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{shareId}", RevokeAsync);
        return api;
    }

    internal static async Task<Results<Created<SharedLink>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string studyId, CreateShareLinkRequest? request, ApiAccess access, IStudyStore studies, ISessionEventStore log, IShareLinkStore shares,
        TokenService tokens, AuditTrail audit, TimeProvider time, HttpContext http, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is not { } study)
        {
            return StudyNotFound(studyId);
        }
        var scope = request?.Scope ?? ShareScope.Report;
        var days = request?.ExpiresInDays ?? DefaultExpiresInDays;
        var errors = new Dictionary<string, string[]>();
        if (days is < 1 or > MaxExpiresInDays)
        {
            errors["expiresInDays"] = [$"A link can work for 1 to {MaxExpiresInDays} days."];
        }
        string? sessionId = null;
        Guid? noteId = null;
        string? tag = null;
        if (scope != ShareScope.Report)
        {
            var state = string.IsNullOrWhiteSpace(request?.SessionId) ? null : await log.LoadStateAsync(request.SessionId.Trim(), cancellationToken);
            if (state is null || state.StudyId != studyId)
            {
                errors["sessionId"] = ["Name a session of this study."];
            }
            else if (scope == ShareScope.Clip)
            {
                sessionId = state.SessionId;
                noteId = request!.NoteId is { } id && state.FindNote(id) is not null ? id : null;
                if (noteId is null)
                {
                    errors["noteId"] = ["Name a note of that session."];
                }
            }
            else
            {
                sessionId = state.SessionId;
                var name = request!.Tag?.Trim().TrimStart('#');
                tag = string.IsNullOrEmpty(name)
                    ? null
                    : study.FindTag(name)?.Name ?? state.Notes.SelectMany(n => n.Tags.IsDefault ? [] : n.Tags).FirstOrDefault(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase));
                if (tag is null)
                {
                    errors["tag"] = ["Name a tag of the study's palette or of one of the session's notes."];
                }
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "No link was made; see errors.");
        }
        var now = time.GetUtcNow();
        // Whole seconds: the expiry is shown to people and signed into the token; sub-second digits would only differ in spelling.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + TimeSpan.FromDays(days)).ToUnixTimeSeconds());
        var link = new ShareLink("sh_" + Guid.NewGuid().ToString("N")[..16], studyId, scope, sessionId, noteId, tag, now, expiresAt, null);
        await shares.AddAsync(link, cancellationToken);
        await audit.RecordAsync(http, studyId, "share.created", $"{Describe(link)} of study '{study.Name}'", $"{link.Id}, works until {expiresAt:u}", cancellationToken);
        var shared = SharedLink.From(link, tokens, AppLinks.BaseUrl(http.Request, configuration), now);
        return TypedResults.Created($"/api/studies/{studyId}/shares/{link.Id}", shared);
    }

    internal static async Task<Results<Ok<List<SharedLink>>, ProblemHttpResult>> ListAsync(
        string studyId, ApiAccess access, IStudyStore studies, IShareLinkStore shares, TokenService tokens, TimeProvider time,
        HttpContext http, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is null)
        {
            return StudyNotFound(studyId);
        }
        var now = time.GetUtcNow();
        var baseUrl = AppLinks.BaseUrl(http.Request, configuration);
        return TypedResults.Ok((await shares.ListAsync(studyId, cancellationToken)).Select(l => SharedLink.From(l, tokens, baseUrl, now)).ToList());
    }

    /// <summary>Turns the link off for good; revoking it again changes nothing and answers the same.</summary>
    internal static async Task<Results<Ok<SharedLink>, ProblemHttpResult>> RevokeAsync(
        string studyId, string shareId, ApiAccess access, IStudyStore studies, IShareLinkStore shares, TokenService tokens, AuditTrail audit, TimeProvider time,
        HttpContext http, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        var now = time.GetUtcNow();
        var before = await shares.FindAsync(shareId, cancellationToken);
        if (await shares.RevokeAsync(studyId, shareId, now, cancellationToken) is not { } revoked)
        {
            return ApiProblems.Create(StatusCodes.Status404NotFound, ShareLinkNotFoundCode, "Link not found", $"Study '{studyId}' has no link '{shareId}'.");
        }
        // Revoking again changes nothing, so it is not told again.
        if (before is { RevokedAt: null })
        {
            var name = (await studies.GetAsync(studyId, cancellationToken))?.Name ?? studyId;
            await audit.RecordAsync(http, studyId, "share.revoked", $"{Describe(revoked)} of study '{name}'", revoked.Id, cancellationToken);
        }
        return TypedResults.Ok(SharedLink.From(revoked, tokens, AppLinks.BaseUrl(http.Request, configuration), now));
    }

    /// <summary>What a link opens, as the audit log names it.</summary>
    private static string Describe(ShareLink link) => link.Scope switch
    {
        ShareScope.Clip => $"View-only link to a clip (note {link.NoteId}, session {link.SessionId})",
        ShareScope.Highlights => $"View-only link to the #{link.Tag} highlight reel of session {link.SessionId}",
        _ => "View-only link to the report",
    };

    public const string ShareLinkNotFoundCode = "shareLinkNotFound";

    private static ProblemHttpResult StudyNotFound(string studyId) =>
        ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
}
