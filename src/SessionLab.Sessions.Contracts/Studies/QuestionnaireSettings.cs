namespace SessionLab.Sessions;

/// <summary>Which standard questionnaires the study uses: SEQ after each task and SUS at the end, both on by default.</summary>
public sealed record QuestionnaireSettings(bool SeqAfterEachTask = true, bool SusAtEnd = true)
{
    public static QuestionnaireSettings Default { get; } = new();
}
