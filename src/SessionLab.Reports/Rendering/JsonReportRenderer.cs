using System.Text.Json;
using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// The computed metrics as JSON in the project's wire shape (camelCase, enums as strings). Missing statistics are null,
/// never NaN, and the default encoder escapes &lt;, &gt; and &amp;, so the document is safe to embed in a page.
/// </summary>
/// <remarks>
/// Raw rows (every note, attempt and answer) are the CSV exports' job, and a finding names its notes by id instead of
/// repeating them (see the [JsonIgnore]s on <see cref="StudyReport"/> and <see cref="FindingRow"/>): a study of 200
/// sessions then gives a few megabytes, which the study page can load, not a hundred.
/// </remarks>
public static class JsonReportRenderer
{
    private static readonly JsonSerializerOptions Options = SessionJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static string Render(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }
}
