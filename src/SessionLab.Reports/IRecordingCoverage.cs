namespace SessionLab.Reports;

/// <summary>
/// Which moments of a session a stored recording shows, so the report can link a note to its clip. Implemented where
/// recordings are catalogued; without one, reports simply have no clip links.
/// </summary>
public interface IRecordingCoverage
{
    Task<IReadOnlyList<RecordedSpan>> RecordedSpansAsync(string sessionId, CancellationToken cancellationToken);
}
