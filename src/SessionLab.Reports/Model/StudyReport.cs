using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SessionLab.Reports;

/// <summary>
/// Everything a report shows, computed once by <see cref="StudyReportBuilder"/> so that every renderer (and any endpoint
/// or command line that serves them) only formats it. <see cref="Notes"/>, <see cref="Attempts"/> and
/// <see cref="Answers"/> are the raw rows behind the metrics, for the CSV exports; the JSON metrics leave them out.
/// <see cref="Comparison"/> is set when the report compares this study with another round.
/// </summary>
public sealed record StudyReport(
    ReportOverview Overview,
    ImmutableArray<ReportParticipant> Participants,
    ImmutableArray<TaskReport> Tasks,
    SusReport Sus,
    ImmutableArray<FindingRow> Findings,
    [property: JsonIgnore] ImmutableArray<NoteReference> Notes,
    [property: JsonIgnore] ImmutableArray<AttemptRecord> Attempts,
    [property: JsonIgnore] ImmutableArray<QuestionnaireAnswer> Answers,
    RoundComparison? Comparison = null)
{
    /// <summary>Notes without any tag: no finding row holds them, so the report lists them on their own.</summary>
    [JsonIgnore]
    public IEnumerable<NoteReference> UntaggedNotes => Notes.Where(n => n.Tags.IsEmpty);
}
