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

    /// <summary>
    /// The clip page's link for a note. With <paramref name="linkToken"/> (a report read through a view-only link) the
    /// link carries that token in its fragment, so it plays for whoever the report was shared with; browsers never send
    /// a fragment to a server.
    /// </summary>
    public static string For(Uri appBase, string sessionId, Guid noteId, string? linkToken = null) =>
        new Uri(appBase, $"clip/{Uri.EscapeDataString(sessionId)}/{noteId:D}").AbsoluteUri + (linkToken is null ? string.Empty : "#" + linkToken);
}
