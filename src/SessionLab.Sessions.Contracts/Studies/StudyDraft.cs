using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>What a researcher submits to create a study; the server assigns ids and validates it.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.StudyDraft")]
public sealed record StudyDraft(
    string Name,
    string? Goal,
    ImmutableArray<StudyTaskDraft> Tasks,
    ImmutableArray<TagDefinition> Tags,
    QuestionnaireSettings? Questionnaires);
