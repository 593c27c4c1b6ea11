using System.Collections.Immutable;

namespace SessionLab.Sessions;

/// <summary>What a researcher submits to create a study; the server assigns ids and validates it.</summary>
public sealed record StudyDraft(
    string Name,
    string? Goal,
    ImmutableArray<StudyTaskDraft> Tasks,
    ImmutableArray<TagDefinition> Tags,
    QuestionnaireSettings? Questionnaires);
