namespace SessionLab.Storage;

public static class StudyStoreExtensions
{
    /// <summary>
    /// The study as <paramref name="session"/> runs it: the version it started with (or the latest while it is
    /// scheduled), with the tags a moderator added to the palette during the session. Null when the study (or that
    /// version) does not exist.
    /// </summary>
    public static async Task<Study?> GetForSessionAsync(this IStudyStore studies, SessionState session, CancellationToken cancellationToken)
    {
        var study = session.RunsStudyVersion is { } version
            ? await studies.GetVersionAsync(session.StudyId, version, cancellationToken)
            : await studies.GetAsync(session.StudyId, cancellationToken);
        if (study is null || session.AddedTags is not { Count: > 0 } added)
        {
            return study;
        }
        var missing = added.Where(t => study.FindTag(t.Name) is null).ToList();
        return missing.Count == 0 ? study : study with { Tags = study.Tags.AddRange(missing) };
    }
}
