namespace SessionLab.Storage;

/// <summary>
/// Whether a study is archived, and removing a study's own row for good. Kept apart from the study document, so that
/// archiving never rewrites what the team wrote.
/// </summary>
public interface IStudyLifecycleStore
{
    /// <summary>When the study was archived, or null when it is not.</summary>
    Task<DateTimeOffset?> ArchivedAtAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Archives the study at <paramref name="at"/>, or restores it when <paramref name="at"/> is null.</summary>
    Task SetArchivedAsync(string studyId, DateTimeOffset? at, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the study's document and archive mark. A node's study cache may keep the document in memory; nothing
    /// reaches it once the study has no workspace and no sessions.
    /// </summary>
    Task DeleteStudyAsync(string studyId, CancellationToken cancellationToken);
}
