using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SessionLab.Server.Invitations;

/// <summary>
/// Links into the browser app. Tokens travel in the URL fragment, which browsers never send to a server,
/// so they stay out of access logs and proxies.
/// </summary>
public static class AppLinks
{
    public static string Join(string baseUrl, string inviteToken) => $"{baseUrl.TrimEnd('/')}/join#{inviteToken}";

    /// <summary>A study's page; members open it signed in, so the link carries no token.</summary>
    public static string Study(string baseUrl, string studyId) => $"{baseUrl.TrimEnd('/')}/study/{Uri.EscapeDataString(studyId)}";

    /// <summary>A view-only link's page: the shared report, or a shared highlight reel.</summary>
    public static string Shared(string baseUrl, string shareToken) => $"{baseUrl.TrimEnd('/')}/shared#{shareToken}";

    /// <summary>A note's clip page with a token that opens it (a view-only link's).</summary>
    public static string Clip(string baseUrl, string sessionId, Guid noteId, string token) =>
        $"{baseUrl.TrimEnd('/')}/clip/{Uri.EscapeDataString(sessionId)}/{noteId:D}#{token}";

    /// <summary>
    /// Where the team opens the app: the configured public URL, else the host a trusted proxy forwarded, else the
    /// server's own listening address. Never the request's Host header on its own: anyone can send one, and a link
    /// to their host would carry a real token there (link poisoning).
    /// </summary>
    public static string BaseUrl(HttpRequest request, IConfiguration configuration)
    {
        if (configuration["SessionLab:PublicUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }
        if (request.HttpContext.Features.Get<TrustedProxyRequest>() is not null)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
        return ListeningAddress(request.HttpContext.RequestServices.GetService<IServer>()) + request.PathBase;
    }

    /// <summary>The first address the server listens on, with a wildcard host named as localhost.</summary>
    public static string ListeningAddress(IServer? server)
    {
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return "http://localhost";
        }
        var url = BindingAddress.Parse(address);
        var host = url.Host is "+" or "*" or "0.0.0.0" or "[::]" or "" ? "localhost" : url.Host;
        return $"{url.Scheme}://{host}:{url.Port}";
    }
}
