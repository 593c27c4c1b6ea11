using Orleans;

namespace SessionLab.Sessions;

/// <summary>Which standard questionnaires the study uses: SEQ after each task and SUS at the end, both on by default.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.QuestionnaireSettings")]
public sealed record QuestionnaireSettings(bool SeqAfterEachTask = true, bool SusAtEnd = true)
{
    public static QuestionnaireSettings Default { get; } = new();
}
