using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace SessionLab.Reports;

/// <summary>
/// One tag of the findings matrix. <see cref="Frequency"/> is participants affected of participants observed, with its
/// adjusted-Wald interval. <see cref="Severity"/> is set by the team on Nielsen's 0–4 scale (null: not rated yet).
/// <see cref="Priority"/> is severity × observed frequency, the order of the rows. <see cref="InPalette"/> is false for
/// tags found on notes but missing from the study's palette (renamed or removed since). <see cref="Recommendations"/> are
/// the finding's notes of kind Idea: what the team suggested doing about it.
/// </summary>
public sealed record FindingRow(
    string Tag,
    string? Color,
    bool InPalette,
    int? Severity,
    double Priority,
    int ParticipantsAffected,
    ProportionEstimate? Frequency,
    ImmutableArray<FindingCell> Cells,
    ImmutableArray<NoteReference> Quotes,
    ImmutableArray<NoteReference> Recommendations,
    [property: JsonIgnore] ImmutableArray<NoteReference> Notes)
{
    /// <summary>The finding's notes by id: the JSON metrics name them rather than repeat every note per tag.</summary>
    public IEnumerable<Guid> NoteIds => Notes.Select(n => n.NoteId);
}
