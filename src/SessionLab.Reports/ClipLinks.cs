namespace SessionLab.Reports;

/// <summary>
/// Links from a report to the browser app's clip page (<c>/clip/{sessionId}/{noteId}</c>), which plays the moment with a
/// fresh signed URL for whoever opens it. Reports hold links, never playback URLs: those expire within minutes.
/// </summary>
public static class ClipLinks
{
    /// <summary>The app's absolute base URL, or null when <paramref name="baseUrl"/> is not an absolute http(s) URL.</summary>
    public static Uri? AppBase(string? baseUrl) =>
        Uri.TryCreate(baseUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    public static string For(Uri appBase, string sessionId, Guid noteId) =>
        new Uri(appBase, $"clip/{Uri.EscapeDataString(sessionId)}/{noteId:D}").AbsoluteUri;
}
