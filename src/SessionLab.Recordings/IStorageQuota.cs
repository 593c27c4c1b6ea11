namespace SessionLab.Recordings;

/// <summary>
/// Whether a study's recordings may take more room. The server answers it from the study's workspace and its quota
/// (Accounts:StorageQuotaGigabytes), so the recordings feature knows neither workspaces nor settings of accounts.
/// </summary>
public interface IStorageQuota
{
    /// <summary>
    /// Null when <paramref name="additionalBytes"/> more bytes of recordings fit in the quota that covers
    /// <paramref name="studyId"/>; else why not, in words for the person uploading.
    /// </summary>
    Task<StorageQuotaRefusal?> CheckAsync(string studyId, long additionalBytes, CancellationToken cancellationToken);
}

/// <summary>How much the quota's owner already holds, its limit, and a plain sentence saying what to do.</summary>
public sealed record StorageQuotaRefusal(long UsedBytes, long LimitBytes, string Detail);

/// <summary>No quota: what the recordings feature does on its own, without a server that knows workspaces.</summary>
internal sealed class NoStorageQuota : IStorageQuota
{
    public Task<StorageQuotaRefusal?> CheckAsync(string studyId, long additionalBytes, CancellationToken cancellationToken) =>
        Task.FromResult<StorageQuotaRefusal?>(null);
}
