using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// A usability study: what is being learned, the tasks every participant attempts and the team's tag palette. Each
/// edit makes a new <see cref="Version"/> and keeps the earlier ones: a session runs with the version it started with.
/// </summary>
/// <param name="Version">1 when created; studies saved before edits existed have no version in their document and read as 1.</param>
/// <param name="ChangedAt">When this version was made by an edit; null for the version the study was created as.</param>
/// <param name="ChangedById">The member account that made this version; null for the version the study was created as.</param>
/// <param name="ChangedByName">That member's name as it was when they made the edit.</param>
[GenerateSerializer, Immutable, Alias("SessionLab.Study")]
public sealed record Study(
    string Id,
    string Name,
    string Goal,
    ImmutableArray<StudyTask> Tasks,
    ImmutableArray<TagDefinition> Tags,
    QuestionnaireSettings Questionnaires,
    DateTimeOffset CreatedAt,
    int Version = 1,
    DateTimeOffset? ChangedAt = null,
    string? ChangedById = null,
    string? ChangedByName = null)
{
    public StudyTask? FindTask(string taskId) => Tasks.FirstOrDefault(t => t.Id == taskId);

    public TagDefinition? FindTag(string name) =>
        Tags.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
