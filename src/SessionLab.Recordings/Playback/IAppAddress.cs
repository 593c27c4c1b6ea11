namespace SessionLab.Recordings;

/// <summary>
/// The address the server is reached at (its configured public URL or its listening address, never a request's Host
/// header), for playback links that leave it: a report opened elsewhere plays them.
/// </summary>
public interface IAppAddress
{
    string BaseUrl(HttpRequest request);
}
