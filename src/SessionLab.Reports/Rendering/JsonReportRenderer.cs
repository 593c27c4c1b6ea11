using System.Text.Json;
using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// The computed report as JSON in the project's wire shape (camelCase, enums as strings). Missing statistics are null,
/// never NaN, and the default encoder escapes &lt;, &gt; and &amp;, so the document is safe to embed in a page.
/// </summary>
public static class JsonReportRenderer
{
    private static readonly JsonSerializerOptions Options = SessionJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static string Render(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }
}
