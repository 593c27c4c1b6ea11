namespace SessionLab.Reports;

/// <summary>The names the report formats go by on the HTTP API and the command line, so both accept the same words.</summary>
public static class ReportFormatNames
{
    private static readonly (string Name, ReportFormat Format)[] Formats =
    [
        ("html", ReportFormat.Html),
        ("markdown", ReportFormat.Markdown),
        ("json", ReportFormat.Json),
        ("csv-notes", ReportFormat.NotesCsv),
        ("csv-attempts", ReportFormat.AttemptsCsv),
        ("csv-answers", ReportFormat.QuestionnaireCsv),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Formats.Select(f => f.Name)];

    public static bool TryParse(string? name, out ReportFormat format)
    {
        foreach (var (candidate, value) in Formats)
        {
            if (string.Equals(candidate, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = value;
                return true;
            }
        }
        format = default;
        return false;
    }
}
