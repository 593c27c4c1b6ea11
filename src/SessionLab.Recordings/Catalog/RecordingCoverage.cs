using SessionLab.Reports;

namespace SessionLab.Recordings;

/// <summary>The session-clock stretches that a session's complete recordings show, for the report's clip links.</summary>
internal sealed class RecordingCoverage(IRecordingCatalog catalog) : IRecordingCoverage
{
    public async Task<IReadOnlyList<RecordedSpan>> RecordedSpansAsync(string sessionId, CancellationToken cancellationToken) =>
        [
            .. (await catalog.ListAsync(sessionId, cancellationToken))
                .Where(r => r.Status == RecordingStatus.Complete)
                .Select(r => new RecordedSpan(r.ClockOffsetMs, r.DurationMs is { } duration ? r.ClockOffsetMs + duration : null)),
        ];
}
