using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.QuestionnaireKind")]
public enum QuestionnaireKind
{
    /// <summary>Single Ease Question: one 1–7 rating after a task.</summary>
    Seq,

    /// <summary>System Usability Scale: ten 1–5 items at the end of the test.</summary>
    Sus,
}
