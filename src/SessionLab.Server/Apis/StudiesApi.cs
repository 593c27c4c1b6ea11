using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Sessions.Studies;

namespace SessionLab.Server.Apis;

public static class StudiesApi
{
    public static RouteGroupBuilder MapStudiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/studies").WithTags("Studies");
        api.MapPost("/", CreateStudyAsync);
        api.MapGet("/{studyId}", GetStudyAsync);
        api.MapGet("/{studyId}/sessions", ListSessionsAsync);
        api.MapPost("/{studyId}/sessions", CreateSessionAsync);
        return api;
    }

    internal static async Task<Results<Created<StudyCreated>, ValidationProblem>> CreateStudyAsync(
        StudyDraft? draft, IStudyStore studies, TokenService tokens, TimeProvider time, HttpRequest request, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var study = StudyValidator.Create(draft, "st_" + Guid.NewGuid().ToString("N")[..12], time.GetUtcNow(), out var errors);
        if (study is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "The study has invalid fields; see errors.");
        }
        await studies.SaveAsync(study, cancellationToken);
        var ownerToken = tokens.IssueStudyOwner(study.Id);
        var setupUrl = AppLinks.StudySetup(AppLinks.BaseUrl(request, configuration), ownerToken);
        return TypedResults.Created($"/api/studies/{study.Id}", new StudyCreated(study, ownerToken, setupUrl));
    }

    internal static async Task<Results<Ok<Study>, ProblemHttpResult>> GetStudyAsync(
        string studyId, IStudyStore studies, ApiAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        if (access.RequireStudyOwner(http, studyId) is { } denied)
        {
            return denied;
        }
        var study = await studies.GetAsync(studyId, cancellationToken);
        return study is null ? ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.") : TypedResults.Ok(study);
    }

    internal static async Task<Results<Ok<List<SessionSummary>>, ProblemHttpResult>> ListSessionsAsync(
        string studyId, ApiAccess access, ISessionEventStore log, HttpContext http, CancellationToken cancellationToken)
    {
        if (access.RequireStudyOwner(http, studyId) is { } denied)
        {
            return denied;
        }
        var sessions = new List<SessionSummary>();
        foreach (var id in await log.ListSessionIdsAsync(studyId, cancellationToken))
        {
            if (await log.LoadStateAsync(id, cancellationToken) is { } state)
            {
                sessions.Add(SessionSummary.From(state));
            }
        }
        return TypedResults.Ok(sessions);
    }

    internal static async Task<Results<Created<SessionSummary>, ProblemHttpResult>> CreateSessionAsync(
        string studyId, CreateSessionRequest? request, ApiAccess access, IStudyStore studies, IGrainFactory grains, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (access.RequireStudyOwner(http, studyId) is { } denied)
        {
            return denied;
        }
        if (request is null)
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, "Send the participant alias and moderator name.");
        }
        // A session is planned, or logged after the fact, within a few years of today; anything else is a typo.
        var today = time.GetUtcNow();
        if (request.ScheduledFor is { } when && (when < today.AddYears(-1) || when > today.AddYears(5)))
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, "scheduledFor must be between a year ago and five years ahead.");
        }
        var sessionId = "se_" + Guid.NewGuid().ToString("N")[..12];
        var schedule = new ScheduleSessionRequest(Guid.NewGuid(), studyId, request.ParticipantAlias, request.ModeratorName ?? "Moderator", request.ScheduledFor);
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var result = await grain.ScheduleAsync(new Actor("owner", "Research team", SessionRole.Moderator), schedule, cancellationToken);
        if (result.Error is { } error)
        {
            return ApiProblems.From(error);
        }
        var state = await grain.GetStateAsync(cancellationToken);
        return TypedResults.Created($"/api/sessions/{sessionId}", SessionSummary.From(state!));
    }
}
