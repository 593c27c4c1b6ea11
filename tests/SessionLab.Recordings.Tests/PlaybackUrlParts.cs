using System.Web;

namespace SessionLab.Recordings.Tests;

/// <summary>Splits a server-relative playback URL into the parts the server's route hands to <see cref="PlaybackUrlSigner.Verify"/>.</summary>
internal static class PlaybackUrlParts
{
    public static (string Path, string? Expires, string? Signature) Split(Uri relative)
    {
        Assert.False(relative.IsAbsoluteUri);
        var text = relative.OriginalString;
        var question = text.IndexOf('?', StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(text[(question + 1)..]);
        return (text[..question], query[PlaybackUrlSigner.ExpiresParameter], query[PlaybackUrlSigner.SignatureParameter]);
    }
}
