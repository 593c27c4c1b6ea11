using Microsoft.AspNetCore.Http;

namespace SessionLab.Storage;

/// <summary>
/// The address the server is reached at (its configured public URL or its listening address, never a request's Host
/// header), for links that leave it: playback links in a report opened elsewhere, workspace invitations, password resets.
/// </summary>
public interface IAppAddress
{
    string BaseUrl(HttpRequest request);
}
