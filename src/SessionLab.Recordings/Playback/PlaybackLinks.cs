using SessionLab.Storage;
using Microsoft.Extensions.Options;

namespace SessionLab.Recordings;

/// <summary>Signs short-lived playback URLs: an Azure SAS URL, or the local store's signed URL served by this server.</summary>
internal sealed class PlaybackLinks(IBlobStore store, IOptions<RecordingStorageOptions> options, IAppAddress address, TimeProvider time)
{
    public async Task<PlaybackLink> CreateAsync(BlobName name, string contentType, HttpRequest request, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + options.Value.ReadUrlLifetime;
        var url = await store.CreateReadUrlAsync(name, expiresAt, cancellationToken);

        // The local store signs server-relative URLs; a report opened elsewhere needs them absolute.
        var absolute = url.IsAbsoluteUri ? url.AbsoluteUri : address.BaseUrl(request) + url.OriginalString;
        return new PlaybackLink(absolute, expiresAt, contentType);
    }
}
