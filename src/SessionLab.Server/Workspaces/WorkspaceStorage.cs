using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionLab.Accounts;
using SessionLab.Accounts.Workspaces;
using SessionLab.Recordings;

namespace SessionLab.Server.Workspaces;

/// <summary>How many bytes of recordings a workspace holds, and how many it may (null: no limit).</summary>
public sealed record WorkspaceStorageUsage(long UsedBytes, long? LimitBytes);

/// <summary>
/// The storage quota of each workspace (Accounts:StorageQuotaGigabytes): the recordings of all its studies, summed
/// from the recordings catalog, may not go over it. The check and the write that follows it are not one transaction,
/// so uploads racing in different recordings may overshoot by what they carry at that moment (at most a chunk each,
/// or the sizes they announce); the next chunk is refused.
/// </summary>
internal sealed class WorkspaceStorage(WorkspaceDirectory workspaces, IRecordingCatalog catalog, IOptionsMonitor<AccountsOptions> options) : IStorageQuota
{
    public const string SettingName = "Accounts:StorageQuotaGigabytes";

    public async Task<WorkspaceStorageUsage> UsageAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var studies = await workspaces.StudyIdsAsync(workspaceId, cancellationToken);
        return new WorkspaceStorageUsage(await catalog.TotalBytesAsync(studies, cancellationToken), options.CurrentValue.StorageQuotaBytes);
    }

    public async Task<StorageQuotaRefusal?> CheckAsync(string studyId, long additionalBytes, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.StorageQuotaBytes is null || await workspaces.WorkspaceOfStudyAsync(studyId, cancellationToken) is not { } workspaceId)
        {
            return null;
        }
        var usage = await UsageAsync(workspaceId, cancellationToken);
        if (usage.LimitBytes is not { } limit || usage.UsedBytes + additionalBytes <= limit)
        {
            return null;
        }
        var name = await workspaces.NameOfAsync(workspaceId, cancellationToken) ?? workspaceId;
        return new StorageQuotaRefusal(usage.UsedBytes, limit, string.Create(CultureInfo.InvariantCulture,
            $"Workspace '{name}' holds {Size(usage.UsedBytes)} of recordings; its limit is {Size(limit)}, and this would need {Size(additionalBytes)} more. " +
            $"Nothing of it was stored. To upload more, ask the server's administrator to raise {SettingName} (SessionLab cannot delete recordings yet)."));
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.##} GB"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.##} MB"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.##} kB"),
        _ => $"{bytes} bytes",
    };
}

internal static class WorkspaceStorageApi
{
    /// <summary><c>GET /api/workspaces/{workspaceId}/storage</c>: what the workspace's recordings take, for any of its members.</summary>
    public static IEndpointRouteBuilder MapWorkspaceStorageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workspaces/{workspaceId}/storage", GetAsync).WithTags("Workspaces")
            .RequireAuthorization(AccountsAuthentication.MemberPolicy).RequireWorkspaceRole(WorkspaceRole.Viewer);
        return app;
    }

    internal static async Task<Ok<WorkspaceStorageUsage>> GetAsync(string workspaceId, WorkspaceStorage storage, CancellationToken cancellationToken) =>
        TypedResults.Ok(await storage.UsageAsync(workspaceId, cancellationToken));
}
