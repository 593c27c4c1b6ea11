using SessionLab.Storage;
using SessionLab.Recordings;

namespace SessionLab.Server.Invitations;

/// <summary>The server's address for links that leave it, as <see cref="AppLinks.BaseUrl"/> decides it.</summary>
internal sealed class AppAddress(IConfiguration configuration) : IAppAddress
{
    public string BaseUrl(HttpRequest request) => AppLinks.BaseUrl(request, configuration);
}
