using SessionLab.Reports.Storage;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Reports;

/// <summary>
/// Loads a study, every session's event log and the team's severities from the configured stores, folds the logs and
/// builds the report. It reads the durable log rather than live grains: everything a grain acknowledged is already
/// there, so a report made while sessions run shows what has been persisted so far, and the command line can make
/// one without a running server.
/// </summary>
public sealed class StudyReportService(
    IStudyStore studies,
    ISessionEventStore log,
    IFindingSeverityStore severities,
    TimeProvider time,
    IRecordingCoverage? recordings = null)
{
    /// <summary>
    /// The inputs of a study's report, or null when the study does not exist. With <paramref name="appBase"/> (the
    /// browser app's address) every note a recording shows links to its clip page there, with
    /// <paramref name="clipLinkToken"/> in the link's fragment when given (a report read through a view-only link).
    /// </summary>
    public async Task<StudyReportInputs?> LoadAsync(string studyId, CancellationToken cancellationToken, Uri? appBase = null, string? clipLinkToken = null)
    {
        var study = await studies.GetAsync(studyId, cancellationToken);
        if (study is null)
        {
            return null;
        }
        var sessions = await LoadSessionsAsync(studyId, cancellationToken);
        var ratings = await severities.ListAsync(studyId, cancellationToken);
        var clipLinks = appBase is null || recordings is null ? null : await ClipLinksAsync(sessions, appBase, clipLinkToken, cancellationToken);
        var studyOfSession = new Dictionary<string, Study>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            if (await studies.GetForSessionAsync(session, cancellationToken) is { } ran)
            {
                studyOfSession[session.SessionId] = ran;
            }
        }
        return new StudyReportInputs(study, sessions, ratings.ToDictionary(r => r.Tag, r => r.Severity, StringComparer.OrdinalIgnoreCase), clipLinks, studyOfSession);
    }

    /// <summary>
    /// The study's report, or null when the study does not exist. With <paramref name="compareWith"/> it compares the
    /// study with that other round of it, and is null when that study does not exist either.
    /// </summary>
    /// <remarks>
    /// With <paramref name="groups"/> the report (of every session, as always) compares those two groups of the study's
    /// sessions instead, each group's figures computed from its sessions alone.
    /// </remarks>
    /// <exception cref="InvalidSessionGroupsException">A group names no session of the study, or both groups hold one.</exception>
    public async Task<StudyReport?> BuildAsync(
        string studyId, CancellationToken cancellationToken, Uri? appBase = null, string? compareWith = null, string? clipLinkToken = null, SessionGroups? groups = null)
    {
        var now = time.GetUtcNow();
        if (await LoadAsync(studyId, cancellationToken, appBase, clipLinkToken) is not { } inputs)
        {
            return null;
        }
        var report = inputs.Build(now);
        if (groups is not null)
        {
            var (first, second) = groups.Resolve(inputs.Sessions);
            return report with
            {
                Comparison = RoundComparer.CompareGroups(
                    (inputs with { Sessions = first }).Build(now), SessionGroups.Label(groups.First, first),
                    (inputs with { Sessions = second }).Build(now), SessionGroups.Label(groups.Second, second)),
            };
        }
        if (compareWith is null)
        {
            return report;
        }
        // The other round's clip links are left out: the comparison shows its figures, not its notes.
        return await LoadAsync(compareWith, cancellationToken) is { } other
            ? report with { Comparison = RoundComparer.Compare(report, other.Build(now)) }
            : null;
    }

    /// <exception cref="InvalidSessionGroupsException">A group names no session of the study, or both groups hold one.</exception>
    public async Task<ReportDocument?> ExportAsync(
        string studyId, ReportFormat format, CancellationToken cancellationToken, Uri? appBase = null, string? compareWith = null, string? clipLinkToken = null,
        SessionGroups? groups = null) =>
        await BuildAsync(studyId, cancellationToken, appBase, compareWith, clipLinkToken, groups) is { } report ? ReportExporter.Export(report, format) : null;

    /// <summary>
    /// The spelling of the finding row <paramref name="tag"/> names, or null when the report has no such row: a tag of
    /// the palette, or one that notes still carry after it was renamed or removed from the palette.
    /// </summary>
    public async Task<string?> FindFindingTagAsync(Study study, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.FindTag(tag) is { } inPalette)
        {
            return inPalette.Name;
        }
        foreach (var session in await LoadSessionsAsync(study.Id, cancellationToken))
        {
            foreach (var note in session.Notes)
            {
                if (!note.Tags.IsDefault && note.Tags.FirstOrDefault(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase)) is { } onNote)
                {
                    return onNote;
                }
            }
        }
        return null;
    }

    private async Task<Dictionary<Guid, string>> ClipLinksAsync(List<SessionState> sessions, Uri appBase, string? linkToken, CancellationToken cancellationToken)
    {
        var links = new Dictionary<Guid, string>();
        foreach (var session in sessions)
        {
            var spans = await recordings!.RecordedSpansAsync(session.SessionId, cancellationToken);
            if (spans.Count == 0)
            {
                continue;
            }
            foreach (var note in session.Notes)
            {
                if (spans.Any(span => span.Covers(note.ClockOffsetMs)))
                {
                    links[note.Id] = ClipLinks.For(appBase, session.SessionId, note.Id, linkToken);
                }
            }
        }
        return links;
    }

    /// <remarks>
    /// Sessions are read and folded a few at a time: reading and parsing a log is CPU work that spreads over cores, and
    /// each session's state is built independently of the others. The order stays the log's (oldest session first).
    /// </remarks>
    private async Task<List<SessionState>> LoadSessionsAsync(string studyId, CancellationToken cancellationToken)
    {
        var ids = await log.ListSessionIdsAsync(studyId, cancellationToken);
        var states = new SessionState?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, token) => states[i] = SessionState.Replay(await log.ReadAsync(ids[i], 0, token)));
        return [.. states.OfType<SessionState>()];
    }
}
