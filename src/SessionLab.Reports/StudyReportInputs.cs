using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// What a report is computed from, as loaded from the stores: the study, the folded state of each of its sessions
/// (running ones included, as far as they are persisted), the team's severity per tag and the clip link of each note
/// a recording shows, and the version of the study each session ran (its tasks may differ from the study's now).
/// </summary>
public sealed record StudyReportInputs(
    Study Study,
    IReadOnlyList<SessionState> Sessions,
    IReadOnlyDictionary<string, int> SeverityByTag,
    IReadOnlyDictionary<Guid, string>? ClipLinks = null,
    IReadOnlyDictionary<string, Study>? StudyOfSession = null)
{
    public StudyReport Build(DateTimeOffset generatedAt) => StudyReportBuilder.Build(Study, Sessions, SeverityByTag, generatedAt, ClipLinks, StudyOfSession);
}
