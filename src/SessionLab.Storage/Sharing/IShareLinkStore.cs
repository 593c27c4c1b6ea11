namespace SessionLab.Storage.Sharing;

/// <summary>The view-only links of studies, one row per link, kept with the studies (SQLite or PostgreSQL).</summary>
public interface IShareLinkStore
{
    Task AddAsync(ShareLink link, CancellationToken cancellationToken);

    Task<ShareLink?> FindAsync(string shareId, CancellationToken cancellationToken);

    /// <summary>The study's links, newest first, expired and revoked ones included.</summary>
    Task<IReadOnlyList<ShareLink>> ListAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Marks the link revoked at <paramref name="at"/> unless it already was; the link as stored, or null when the study has no such link.</summary>
    Task<ShareLink?> RevokeAsync(string studyId, string shareId, DateTimeOffset at, CancellationToken cancellationToken);
}
