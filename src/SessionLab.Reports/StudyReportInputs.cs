using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// What a report is computed from, as loaded from the stores: the study, the folded state of each of its sessions
/// (running ones included, as far as they are persisted) and the team's severity per tag.
/// </summary>
public sealed record StudyReportInputs(Study Study, IReadOnlyList<SessionState> Sessions, IReadOnlyDictionary<string, int> SeverityByTag)
{
    public StudyReport Build(DateTimeOffset generatedAt) => StudyReportBuilder.Build(Study, Sessions, SeverityByTag, generatedAt);
}
