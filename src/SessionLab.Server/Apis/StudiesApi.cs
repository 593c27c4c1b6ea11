using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Accounts;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Workspaces;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Sessions.Studies;

namespace SessionLab.Server.Apis;

public static class StudiesApi
{
    public static RouteGroupBuilder MapStudiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/studies").WithTags("Studies").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        api.MapPost("/", CreateStudyAsync).RequireRateLimiting(AccountsAuthentication.StudyCreationLimit);
        api.MapGet("/{studyId}", GetStudyAsync);
        api.MapPut("/{studyId}", EditStudyAsync);
        api.MapGet("/{studyId}/versions", ListVersionsAsync);
        api.MapPost("/{studyId}/tags", AddPaletteTagAsync);
        api.MapGet("/{studyId}/sessions", ListSessionsAsync);
        api.MapPost("/{studyId}/sessions", CreateSessionAsync);
        return api;
    }

    /// <summary>
    /// A researcher or owner creates a study in one of their workspaces: the one named by <c>?workspaceId=</c>, else
    /// their only workspace where they may create studies.
    /// </summary>
    internal static async Task<Results<Created<StudyCreated>, ValidationProblem, ProblemHttpResult>> CreateStudyAsync(
        StudyDraft? draft, string? workspaceId, IStudyStore studies, WorkspaceDirectory workspaces, AuditLog audit, TimeProvider time,
        HttpContext http, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var mine = (await workspaces.OfMemberAsync(http.User.MemberId()!, cancellationToken)).Where(w => w.Role >= WorkspaceRole.Researcher).ToList();
        var target = workspaceId is { Length: > 0 } ? mine.FirstOrDefault(w => w.Id == workspaceId) : mine.Count == 1 ? mine[0] : null;
        if (target is null)
        {
            return mine.Count == 0
                ? ApiProblems.From(SessionErrorCode.Forbidden, "Creating a study needs the researcher or owner role in a workspace; you are a viewer. Ask a workspace owner.")
                : ApiProblems.From(SessionErrorCode.InvalidRequest, workspaceId is { Length: > 0 }
                    ? $"You cannot create studies in workspace '{workspaceId}'; use one of {string.Join(", ", mine.Select(w => w.Id))}."
                    : $"Say which workspace the study goes in (?workspaceId=): one of {string.Join(", ", mine.Select(w => w.Id))}.");
        }
        var study = StudyValidator.Create(draft, "st_" + Guid.NewGuid().ToString("N")[..12], time.GetUtcNow(), out var errors);
        if (study is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "The study has invalid fields; see errors.");
        }
        await studies.SaveAsync(study, cancellationToken);
        await workspaces.PlaceStudyAsync(study.Id, target.Id, cancellationToken);
        await audit.RecordAsync(target.Id, http.User.AuditActor(), "study.created", study.Name, study.Id, cancellationToken);
        var studyUrl = AppLinks.Study(AppLinks.BaseUrl(http.Request, configuration), study.Id);
        return TypedResults.Created($"/api/studies/{study.Id}", new StudyCreated(study, target.Id, studyUrl));
    }

    internal static async Task<Results<Ok<Study>, ProblemHttpResult>> GetStudyAsync(
        string studyId, IStudyStore studies, ApiAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Viewer, cancellationToken) is { } denied)
        {
            return denied;
        }
        var study = await studies.GetAsync(studyId, cancellationToken);
        return study is null ? ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.") : TypedResults.Ok(study);
    }

    /// <summary>
    /// A researcher or owner edits the study: the result is its next version, kept with every earlier one; sessions
    /// already started keep the version they started with. Sending the same content again makes no new version.
    /// </summary>
    internal static async Task<Results<Ok<Study>, ValidationProblem, ProblemHttpResult>> EditStudyAsync(
        string studyId, StudyEdit? edit, ApiAccess access, IStudyStore studies, AuditLog audit, WorkspaceDirectory workspaces, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is not { } current)
        {
            return ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
        }
        if (edit?.ExpectedVersion is not { } expected)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["expectedVersion"] = [$"Send the version you edited (expectedVersion); the latest is {current.Version}."] },
                detail: "The edit does not say which version it changes.");
        }
        if (expected != current.Version)
        {
            return Stale(current);
        }
        var usedTaskIds = (await studies.ListVersionsAsync(studyId, cancellationToken)).SelectMany(v => v.Tasks).Select(t => t.Id);
        var actor = http.User.AuditActor();
        var next = StudyValidator.Revise(current, edit.Draft, usedTaskIds, time.GetUtcNow(), actor.Id, actor.Name, out var errors);
        if (next is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "The study has invalid fields; see errors.");
        }
        if (StudyValidator.SameContent(current, next))
        {
            return TypedResults.Ok(current);
        }
        if (!await studies.SaveNextVersionAsync(next, cancellationToken))
        {
            return await studies.GetAsync(studyId, cancellationToken) is { } latest ? Stale(latest) : ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
        }
        if (await workspaces.WorkspaceOfStudyAsync(studyId, cancellationToken) is { } workspaceId)
        {
            await audit.RecordAsync(workspaceId, actor, "study.edited", next.Name, $"{next.Id} version {next.Version}", cancellationToken);
        }
        return TypedResults.Ok(next);
    }

    /// <summary>Every version of the study, oldest first: what changed, when, and who changed it.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<Study>>, ProblemHttpResult>> ListVersionsAsync(
        string studyId, ApiAccess access, IStudyStore studies, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Viewer, cancellationToken) is { } denied)
        {
            return denied;
        }
        var versions = await studies.ListVersionsAsync(studyId, cancellationToken);
        return versions.Count == 0 ? ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.") : TypedResults.Ok(versions);
    }

    /// <summary>
    /// Adds one tag to the study's palette as a new version (a moderator does the same from a live session). A tag the
    /// palette already has changes nothing.
    /// </summary>
    internal static async Task<Results<Ok<Study>, ValidationProblem, ProblemHttpResult>> AddPaletteTagAsync(
        string studyId, NewPaletteTag? tag, ApiAccess access, IStudyStore studies, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (tag is null)
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, "Send the tag's name, and optionally its colour and hotkey.");
        }
        var actor = http.User.AuditActor();
        var added = await StudyPalette.AddTagAsync(
            studies, studyId, new TagDefinition(tag.Name ?? "", tag.Color ?? StudyPalette.DefaultColor, tag.Hotkey), actor.Id, actor.Name, time.GetUtcNow(), cancellationToken);
        return added switch
        {
            { Study: { } study } => TypedResults.Ok(study),
            { Errors.Count: > 0 } => TypedResults.ValidationProblem(added.Errors, detail: "The tag cannot be added; see errors."),
            _ => ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist."),
        };
    }

    private static ProblemHttpResult Stale(Study latest) => ApiProblems.Create(
        StatusCodes.Status409Conflict, ApiProblems.CodeName(SessionErrorCode.StudyVersionStale), "The study changed meanwhile",
        $"Someone saved version {latest.Version} of this study{(latest.ChangedByName is { Length: > 0 } by ? $" ({by})" : "")} after the version you edited; "
            + "reload it, then make your change again.",
        [new("currentVersion", latest.Version)]);

    internal static async Task<Results<Ok<List<SessionSummary>>, ProblemHttpResult>> ListSessionsAsync(
        string studyId, ApiAccess access, ISessionEventStore log, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Viewer, cancellationToken) is { } denied)
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
        string studyId, CreateSessionRequest? request, ApiAccess access, IStudyStore studies, IStudyLifecycleStore lifecycle, IGrainFactory grains, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await lifecycle.ArchivedAtAsync(studyId, cancellationToken) is not null)
        {
            return ApiProblems.From(SessionErrorCode.StudyArchived, "The study is archived; restore it to schedule new sessions.");
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
        var schedule = new ScheduleSessionRequest(Guid.NewGuid(), studyId, request.ParticipantAlias, request.ModeratorName ?? ScheduleSessionRequest.UnnamedModerator, request.ScheduledFor);
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var result = await grain.ScheduleAsync(new Actor(http.User.MemberId()!, http.User.AuditActor().Name, SessionRole.Moderator), schedule, cancellationToken);
        if (result.Error is { } error)
        {
            return ApiProblems.From(error);
        }
        var state = await grain.GetStateAsync(cancellationToken);
        return TypedResults.Created($"/api/sessions/{sessionId}", SessionSummary.From(state!));
    }
}
