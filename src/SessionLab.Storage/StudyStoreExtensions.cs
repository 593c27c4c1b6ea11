namespace SessionLab.Storage;

public static class StudyStoreExtensions
{
    /// <summary>
    /// The study as <paramref name="session"/> runs it: the version it started with, or the latest while it is
    /// scheduled. Null when the study (or that version) does not exist.
    /// </summary>
    public static Task<Study?> GetForSessionAsync(this IStudyStore studies, SessionState session, CancellationToken cancellationToken) =>
        session.RunsStudyVersion is { } version
            ? studies.GetVersionAsync(session.StudyId, version, cancellationToken)
            : studies.GetAsync(session.StudyId, cancellationToken);
}
