using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// One questionnaire response as exported: a SEQ rating (with its task, <see cref="Item"/> null) or one SUS item (1–10).
/// </summary>
public sealed record QuestionnaireAnswer(
    string SessionId,
    string ParticipantLabel,
    QuestionnaireKind Kind,
    string? TaskId,
    int? Item,
    int Response,
    string? Comment);
