using System.Collections.Concurrent;

namespace SessionLab.Storage;

/// <summary>
/// Keeps study versions in memory in front of whichever database holds them: every command of a running session
/// validates against the version the session started with. Versions never change once saved, so each node of a
/// cluster may keep its own copies; the latest version is always read from the database, because another node may
/// have saved a newer one.
/// </summary>
public sealed class CachedStudyStore(IStudyStore inner) : IStudyStore
{
    private readonly ConcurrentDictionary<(string StudyId, int Version), Study> _versions = new();

    public Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken) => inner.GetAsync(studyId, cancellationToken);

    public async Task<Study?> GetVersionAsync(string studyId, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((studyId, version), out var cached))
        {
            return cached;
        }
        return await inner.GetVersionAsync(studyId, version, cancellationToken) is { } study ? _versions.GetOrAdd((studyId, version), study) : null;
    }

    public Task<IReadOnlyList<Study>> ListVersionsAsync(string studyId, CancellationToken cancellationToken) => inner.ListVersionsAsync(studyId, cancellationToken);

    public Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task SaveAsync(Study study, CancellationToken cancellationToken) => inner.SaveAsync(study, cancellationToken);

    public Task<bool> SaveNextVersionAsync(Study next, CancellationToken cancellationToken) => inner.SaveNextVersionAsync(next, cancellationToken);
}
