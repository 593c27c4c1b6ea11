namespace SessionLab.Server.Invitations;

/// <summary>
/// Links into the browser app. Tokens travel in the URL fragment, which browsers never send to a server,
/// so they stay out of access logs and proxies.
/// </summary>
public static class AppLinks
{
    public static string Join(string baseUrl, string inviteToken) => $"{baseUrl.TrimEnd('/')}/join#{inviteToken}";

    public static string StudySetup(string baseUrl, string ownerToken) => $"{baseUrl.TrimEnd('/')}/study#{ownerToken}";

    public static string BaseUrl(HttpRequest request, IConfiguration configuration) =>
        configuration["SessionLab:PublicUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
