using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Accounts;
using SessionLab.Accounts.Workspaces;
using SessionLab.Reports;
using SessionLab.Reports.Storage;
using SessionLab.Server.Apis;
using SessionLab.Server.Invitations;
using SessionLab.Server.Workspaces;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Reports;

/// <summary>A study's report as a download in each format, and the severities the team gives its findings.</summary>
public static class ReportsApi
{
    private const string ResearchTeam = "Research team";

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/studies/{studyId}").WithTags("Reports").RequireAuthorization(ServerPolicies.Caller);
        api.MapGet("/report", GetReportAsync);
        api.MapGet("/findings/severities", ListSeveritiesAsync).RequireAuthorization(AccountsAuthentication.MemberPolicy);
        api.MapPut("/findings/{tag}/severity", SetSeverityAsync).RequireAuthorization(AccountsAuthentication.MemberPolicy);
        api.MapDelete("/findings/{tag}/severity", ClearSeverityAsync).RequireAuthorization(AccountsAuthentication.MemberPolicy);
        return api;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReportAsync(
        string studyId,
        string? format,
        string? compareWith,
        string? groupA,
        string? groupB,
        string? groupAName,
        string? groupBName,
        ApiAccess access,
        IStudyStore studies,
        StudyReportService reports,
        AuditTrail audit,
        HttpContext http,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (await access.RequireReportReaderAsync(http, studyId, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (!ReportFormatNames.TryParse(string.IsNullOrWhiteSpace(format) ? "html" : format, out var reportFormat))
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, $"Unknown report format '{format}'; use one of {string.Join(", ", ReportFormatNames.All)}.");
        }
        compareWith = string.IsNullOrWhiteSpace(compareWith) ? null : compareWith.Trim();
        // A group given as "groupB=" is there and empty: the report says there is no one to compare with.
        SessionGroups? groups = null;
        if (groupA is not null || groupB is not null)
        {
            if (groupA is null || groupB is null)
            {
                return ApiProblems.From(SessionErrorCode.InvalidRequest, $"Comparing groups needs both: give {(groupA is null ? "groupA" : "groupB")} too, a list of participants (P1,P2) or session ids.");
            }
            if (compareWith is not null)
            {
                return ApiProblems.From(SessionErrorCode.InvalidRequest, "A report compares two studies (compareWith) or two groups of sessions (groupA and groupB), not both at once.");
            }
            groups = SessionGroups.From(groupA, groupB, groupAName, groupBName);
        }
        if (compareWith is not null)
        {
            if (compareWith == studyId)
            {
                return ApiProblems.From(SessionErrorCode.InvalidRequest, "compareWith names the report's own study; name another round of it.");
            }
            // A comparison shows the figures of both studies: the caller must be able to read each.
            if (await access.RequireStudyAsync(http, compareWith, WorkspaceRole.Viewer, cancellationToken) is { } deniedOther)
            {
                return deniedOther;
            }
            if (await studies.GetAsync(compareWith, cancellationToken) is null)
            {
                return StudyNotFound(compareWith);
            }
        }
        var appBase = ClipLinks.AppBase(AppLinks.BaseUrl(http.Request, configuration));
        // Read through a view-only link, the report's clip links carry it: they are what the holder may play.
        var bearer = ApiAccess.BearerToken(http);
        var clipLinkToken = LinkAuthenticationHandler.LinkOf(http.User) is { Kind: TokenKind.ReportShare } ? bearer : null;
        ReportDocument? document;
        try
        {
            document = await reports.ExportAsync(studyId, reportFormat, cancellationToken, appBase, compareWith, clipLinkToken, groups);
        }
        catch (InvalidSessionGroupsException invalid)
        {
            return ApiProblems.From(SessionErrorCode.InvalidRequest, invalid.Message);
        }
        if (document is null)
        {
            return StudyNotFound(studyId);
        }
        // A download in another format than the page leaves the server as a file: the owners see who took one.
        if (reportFormat != ReportFormat.Html)
        {
            var name = (await studies.GetAsync(studyId, cancellationToken))?.Name ?? studyId;
            await audit.RecordAsync(http, studyId, "report.downloaded", $"Report of study '{name}'",
                $"as {document.FileName}" + (compareWith is null ? "" : $", compared with study {compareWith}"), cancellationToken);
        }
        // A report holds what observers wrote and changes while sessions run: no cache should keep a copy.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(document.Content, document.ContentType, document.FileName);
    }

    internal static async Task<Results<Ok<IReadOnlyList<FindingSeverity>>, ProblemHttpResult>> ListSeveritiesAsync(
        string studyId, ApiAccess access, IStudyStore studies, IFindingSeverityStore severities, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Viewer, cancellationToken) is { } denied)
        {
            return denied;
        }
        return await studies.GetAsync(studyId, cancellationToken) is null
            ? StudyNotFound(studyId)
            : TypedResults.Ok(await severities.ListAsync(studyId, cancellationToken));
    }

    internal static async Task<Results<Ok<FindingSeverity>, ValidationProblem, ProblemHttpResult>> SetSeverityAsync(
        string studyId,
        string tag,
        SetSeverityRequest? request,
        ApiAccess access,
        IStudyStore studies,
        StudyReportService reports,
        IFindingSeverityStore severities,
        TimeProvider time,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is not { } study)
        {
            return StudyNotFound(studyId);
        }
        var errors = new Dictionary<string, string[]>();
        if (request?.Severity is not { } severity || !FindingSeverity.IsOnScale(severity))
        {
            errors["severity"] = [$"Give a severity from {FindingSeverity.Min} (not a problem) to {FindingSeverity.Max} (catastrophe)."];
        }
        var updatedBy = string.IsNullOrWhiteSpace(request?.UpdatedBy) ? ResearchTeam : request.UpdatedBy.Trim();
        if (updatedBy.Length > SessionLimits.MaxDisplayNameLength)
        {
            errors["updatedBy"] = [$"A name can be at most {SessionLimits.MaxDisplayNameLength} characters."];
        }
        else if (HiddenCharacters.InName(updatedBy) is { } hidden)
        {
            // Who rated a finding is shown as a name in the report: the name rule, not the free-text one.
            errors["updatedBy"] = [$"updatedBy cannot hold {hidden}: a name is one line of visible characters."];
        }
        var name = await reports.FindFindingTagAsync(study, tag.TrimStart('#'), cancellationToken);
        if (name is null)
        {
            errors["tag"] = [$"#{tag.TrimStart('#')} is neither in the study's tag palette nor on any of its notes."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The severity was not saved; see errors.");
        }
        var saved = new FindingSeverity(studyId, name!, request!.Severity!.Value, time.GetUtcNow(), updatedBy);
        await severities.SetAsync(saved, cancellationToken);
        return TypedResults.Ok(saved);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ClearSeverityAsync(
        string studyId, string tag, ApiAccess access, IStudyStore studies, IFindingSeverityStore severities, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.RequireStudyAsync(http, studyId, WorkspaceRole.Researcher, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await studies.GetAsync(studyId, cancellationToken) is null)
        {
            return StudyNotFound(studyId);
        }
        await severities.ClearAsync(studyId, tag.TrimStart('#'), cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult StudyNotFound(string studyId) =>
        ApiProblems.From(SessionErrorCode.StudyNotFound, $"Study '{studyId}' does not exist.");
}
