namespace SessionLab.Storage;

public interface IStudyStore
{
    Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken);

    Task SaveAsync(Study study, CancellationToken cancellationToken);
}
