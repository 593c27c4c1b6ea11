namespace SessionLab.Storage;

/// <summary>Studies and every version of them: an edit adds a version and never changes an earlier one.</summary>
public interface IStudyStore
{
    /// <summary>The study's latest version.</summary>
    Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>One version of the study as it was saved; versions never change, so callers may keep them.</summary>
    Task<Study?> GetVersionAsync(string studyId, int version, CancellationToken cancellationToken);

    /// <summary>Every version of the study, oldest first; empty when there is no such study.</summary>
    Task<IReadOnlyList<Study>> ListVersionsAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>The latest version of every study.</summary>
    Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Saves a new study as its first version.</summary>
    Task SaveAsync(Study study, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="next"/> as the study's new latest version when the latest is still
    /// <c>next.Version - 1</c>; false (and nothing saved) when someone else saved a version first or the study is gone.
    /// </summary>
    Task<bool> SaveNextVersionAsync(Study next, CancellationToken cancellationToken);
}
