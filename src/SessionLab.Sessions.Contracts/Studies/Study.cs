using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>A usability study: what is being learned, the tasks every participant attempts and the team's tag palette.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.Study")]
public sealed record Study(
    string Id,
    string Name,
    string Goal,
    ImmutableArray<StudyTask> Tasks,
    ImmutableArray<TagDefinition> Tags,
    QuestionnaireSettings Questionnaires,
    DateTimeOffset CreatedAt)
{
    public StudyTask? FindTask(string taskId) => Tasks.FirstOrDefault(t => t.Id == taskId);

    public TagDefinition? FindTag(string name) =>
        Tags.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
