namespace SessionLab.Reports;

public enum ReportFormat
{
    Markdown,
    Html,
    Json,
    NotesCsv,
    AttemptsCsv,
    QuestionnaireCsv,
}
