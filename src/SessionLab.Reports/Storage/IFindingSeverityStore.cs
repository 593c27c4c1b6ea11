namespace SessionLab.Reports.Storage;

/// <summary>
/// The team's severity ratings of findings, per study and tag. SQLite in the embedded data folder by default; PostgreSQL
/// when that is the configured store. A rating can be changed or cleared at any time; the report reads the latest.
/// </summary>
public interface IFindingSeverityStore
{
    Task<IReadOnlyList<FindingSeverity>> ListAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Sets or replaces the rating of <see cref="FindingSeverity.Tag"/> (case-insensitive) in its study.</summary>
    Task SetAsync(FindingSeverity severity, CancellationToken cancellationToken);

    /// <summary>Removes the rating, so the finding reads as unrated again; false when there was none.</summary>
    Task<bool> ClearAsync(string studyId, string tag, CancellationToken cancellationToken);
}
