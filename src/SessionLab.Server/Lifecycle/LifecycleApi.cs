using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Accounts;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Workspaces;
using SessionLab.Recordings;
using SessionLab.Server.Apis;
using SessionLab.Server.Workspaces;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Lifecycle;

/// <summary>
/// What ends a study's data: cancelling or marking a no-show for a session that never ran, archiving and restoring a
/// study, and deleting a study, session or recording after seeing what will go. Only signed-in members act here: a
/// researcher or owner cancels, archives and deletes sessions and recordings; deleting a whole study takes an owner.
/// Session links never reach these routes.
/// </summary>
public static class LifecycleApi
{
    public static void MapLifecycleApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/sessions/{sessionId}").WithTags("Lifecycle").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        sessions.MapPost("/cancel", CancelSessionAsync);
        sessions.MapGet("/deletion", PreviewSessionDeletionAsync);
        sessions.MapDelete("/", DeleteSessionAsync);
        sessions.MapGet("/recordings/{recordingId}/deletion", PreviewRecordingDeletionAsync);
        sessions.MapDelete("/recordings/{recordingId}", DeleteRecordingAsync);

        var studies = app.MapGroup("/api/studies/{studyId}").WithTags("Lifecycle").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        studies.MapPost("/archive", ArchiveStudyAsync);
        studies.MapPost("/restore", RestoreStudyAsync);
        studies.MapGet("/deletion", PreviewStudyDeletionAsync);
        studies.MapDelete("/", DeleteStudyAsync);
    }

    internal static async Task<Results<Ok<SessionSummary>, ProblemHttpResult>> CancelSessionAsync(
        string sessionId, CancelSessionBody? body, ApiAccess access, IGrainFactory grains, AuditTrail audit, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: false, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        if (body?.NoShow is not { } noShow)
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, "Say why the session will not run: noShow true when the participant did not come, false when it was cancelled.");
        }
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var result = await grain.CancelSessionAsync(granted.Actor!, new CancelSessionRequest(Guid.NewGuid(), noShow), cancellationToken);
        if (result.Error is { } error)
        {
            return ApiProblems.From(error);
        }
        var state = (await grain.GetStateAsync(cancellationToken))!;
        await audit.RecordAsync(http.User.AuditActor(), state.StudyId, noShow ? "session.no-show" : "session.cancelled",
            SessionsApi.SessionTarget(state), null, CancellationToken.None);
        return TypedResults.Ok(SessionSummary.From(state));
    }

    internal static async Task<Results<Ok<DeletionPreview>, ProblemHttpResult>> PreviewSessionDeletionAsync(
        string sessionId, ApiAccess access, DataRemoval removal, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: false, cancellationToken);
        return granted.Problem is { } denied ? denied : TypedResults.Ok(await removal.PreviewSessionAsync(granted.State!, cancellationToken));
    }

    internal static async Task<Results<Ok<DeletionPreview>, ProblemHttpResult>> DeleteSessionAsync(
        string sessionId, ApiAccess access, DataRemoval removal, AuditTrail audit, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: false, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        var state = granted.State!;
        var removed = await removal.PreviewSessionAsync(state, cancellationToken);
        if (await removal.DeleteSessionAsync(state, granted.Actor!, cancellationToken) is { } refused)
        {
            return ApiProblems.From(refused);
        }
        await audit.RecordAsync(http.User.AuditActor(), state.StudyId, "session.deleted", SessionsApi.SessionTarget(state), DataRemoval.Describe(removed), CancellationToken.None);
        return TypedResults.Ok(removed with { Refusal = null });
    }

    internal static async Task<Results<Ok<DeletionPreview>, ProblemHttpResult>> PreviewRecordingDeletionAsync(
        string sessionId, string recordingId, ApiAccess access, IRecordingCatalog catalog, DataRemoval removal, HttpContext http, CancellationToken cancellationToken)
    {
        var (state, recording, problem) = await FindRecordingAsync(sessionId, recordingId, access, catalog, http, cancellationToken);
        return problem ?? (Results<Ok<DeletionPreview>, ProblemHttpResult>)TypedResults.Ok(await removal.PreviewRecordingAsync(state!, recording!, cancellationToken));
    }

    internal static async Task<Results<Ok<DeletionPreview>, ProblemHttpResult>> DeleteRecordingAsync(
        string sessionId, string recordingId, ApiAccess access, IRecordingCatalog catalog, DataRemoval removal, AuditTrail audit, HttpContext http, CancellationToken cancellationToken)
    {
        var (state, recording, problem) = await FindRecordingAsync(sessionId, recordingId, access, catalog, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var removed = await removal.PreviewRecordingAsync(state!, recording!, cancellationToken);
        if (removed.Refusal is { } refusal)
        {
            return ApiProblems.From(SessionErrorCode.SessionLive, refusal);
        }
        await removal.DeleteRecordingAsync(state!, recording!, cancellationToken);
        await audit.RecordAsync(http.User.AuditActor(), state!.StudyId, "recording.deleted", $"Recording {recording!.Id} of {SessionsApi.SessionTarget(state)}",
            DataRemoval.Describe(removed), CancellationToken.None);
        return TypedResults.Ok(removed);
    }

    internal static async Task<Results<Ok<StudyArchiveState>, ProblemHttpResult>> ArchiveStudyAsync(
        string studyId, ApiAccess access, IStudyStore studies, IStudyLifecycleStore lifecycle, AuditTrail audit, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        await SetArchivedAsync(studyId, archive: true, access, studies, lifecycle, audit, time, http, cancellationToken);

    internal static async Task<Results<Ok<StudyArchiveState>, ProblemHttpResult>> RestoreStudyAsync(
        string studyId, ApiAccess access, IStudyStore studies, IStudyLifecycleStore lifecycle, AuditTrail audit, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        await SetArchivedAsync(studyId, archive: false, access, studies, lifecycle, audit, time, http, cancellationToken);

    internal static async Task<Results<Ok<DeletionPreview>, ProblemHttpResult>> PreviewStudyDeletionAsync(
        string studyId, ApiAccess access, IStudyStore studies, DataRemoval removal, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Owner, cancellationToken) is { } denied)
        {
            return denied;
        }
        return await studies.GetAsync(studyId, cancellationToken) is { } study
            ? TypedResults.Ok(await removal.PreviewStudyAsync(study, cancellationToken))
            : ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
    }

    /// <summary>Takes an owner: a study holds every researcher's sessions, and a researcher can archive it instead.</summary>
    internal static async Task<Results<Ok<DeletionPreview>, ProblemHttpResult>> DeleteStudyAsync(
        string studyId, ApiAccess access, IStudyStore studies, IStudyLifecycleStore lifecycle, DataRemoval removal, WorkspaceDirectory workspaces,
        AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Owner, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is not { } study)
        {
            return ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
        }
        var removed = await removal.PreviewStudyAsync(study, cancellationToken);
        var actor = new Actor(http.User.MemberId()!, http.User.AuditActor().Name, SessionRole.Moderator);
        if (await removal.DeleteStudyContentAsync(study, actor, cancellationToken) is { } refused)
        {
            return ApiProblems.From(refused);
        }
        var workspaceId = await workspaces.WorkspaceOfStudyAsync(studyId, cancellationToken);
        await lifecycle.DeleteStudyAsync(studyId, cancellationToken);
        await workspaces.RemoveStudyAsync(studyId, cancellationToken);
        if (workspaceId is not null)
        {
            await audit.RecordAsync(workspaceId, http.User.AuditActor(), "study.deleted", study.Name, DataRemoval.Describe(removed), CancellationToken.None);
        }
        return TypedResults.Ok(removed with { Refusal = null });
    }

    private static async Task<Results<Ok<StudyArchiveState>, ProblemHttpResult>> SetArchivedAsync(
        string studyId, bool archive, ApiAccess access, IStudyStore studies, IStudyLifecycleStore lifecycle, AuditTrail audit, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is not { } study)
        {
            return ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
        }
        var was = await lifecycle.ArchivedAtAsync(studyId, cancellationToken);
        if (archive == was.HasValue)
        {
            // Already so: answered as done, not refused, so a retried click is harmless.
            return TypedResults.Ok(new StudyArchiveState(studyId, was));
        }
        var at = archive ? time.GetUtcNow() : (DateTimeOffset?)null;
        await lifecycle.SetArchivedAsync(studyId, at, cancellationToken);
        await audit.RecordAsync(http.User.AuditActor(), studyId, archive ? "study.archived" : "study.restored", study.Name, null, CancellationToken.None);
        return TypedResults.Ok(new StudyArchiveState(studyId, await lifecycle.ArchivedAtAsync(studyId, cancellationToken)));
    }

    private static async Task<(SessionState? State, Recording? Recording, ProblemHttpResult? Problem)> FindRecordingAsync(
        string sessionId, string recordingId, ApiAccess access, IRecordingCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: false, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return (null, null, denied);
        }
        return await catalog.FindAsync(sessionId, recordingId, cancellationToken) is { } recording
            ? (granted.State, recording, null)
            : (null, null, ApiProblems.Create(StatusCodes.Status404NotFound, "recordingNotFound", "Recording not found", $"Session '{sessionId}' has no recording '{recordingId}'."));
    }
}
