using System.Collections.Concurrent;

namespace SessionLab.Storage;

/// <summary>
/// Keeps studies in memory in front of whichever database holds them: every session command validates against its
/// study. Each node of a cluster has its own cache, which is safe only because a study is written once, when it is
/// created; editing studies needs the cache to learn of another node's change first.
/// </summary>
public sealed class CachedStudyStore(IStudyStore inner) : IStudyStore
{
    private readonly ConcurrentDictionary<string, Study> _cache = new(StringComparer.Ordinal);

    public async Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(studyId, out var cached))
        {
            return cached;
        }
        return await inner.GetAsync(studyId, cancellationToken) is { } study ? _cache.GetOrAdd(studyId, study) : null;
    }

    public Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public async Task SaveAsync(Study study, CancellationToken cancellationToken)
    {
        await inner.SaveAsync(study, cancellationToken);
        _cache[study.Id] = study;
    }
}
