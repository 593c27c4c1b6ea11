using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// Everything a report shows, computed once by <see cref="StudyReportBuilder"/> so that every renderer (and any endpoint
/// or command line that serves them) only formats it. <see cref="Notes"/>, <see cref="Attempts"/> and
/// <see cref="Answers"/> are the raw rows behind the metrics, for the CSV exports.
/// </summary>
public sealed record StudyReport(
    ReportOverview Overview,
    ImmutableArray<ReportParticipant> Participants,
    ImmutableArray<TaskReport> Tasks,
    SusReport Sus,
    ImmutableArray<FindingRow> Findings,
    ImmutableArray<NoteReference> Notes,
    ImmutableArray<AttemptRecord> Attempts,
    ImmutableArray<QuestionnaireAnswer> Answers);
