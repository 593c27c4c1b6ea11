using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>
/// A study's new content, with the version the editor started from: an edit of an older version than the latest is
/// refused, so nobody overwrites a change they have not seen. Tasks keep their <c>id</c>; a task without one is new.
/// </summary>
public sealed record StudyEdit(
    int? ExpectedVersion,
    string Name,
    string? Goal,
    ImmutableArray<StudyTaskDraft> Tasks,
    ImmutableArray<TagDefinition> Tags,
    QuestionnaireSettings? Questionnaires)
{
    public StudyDraft Draft => new(Name, Goal, Tasks, Tags, Questionnaires);
}
