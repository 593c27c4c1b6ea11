using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SessionLab.Recordings;

/// <summary>
/// Signs and verifies the short-lived, server-relative read URLs of the local store, the counterpart of Azure's
/// service SAS: <c>{basePath}/{blobName}?expires={unix seconds}&amp;sig={HMAC-SHA256}</c>. The signature covers the
/// name and the expiry, so neither can be changed, and the key never leaves the server.
/// </summary>
public sealed class PlaybackUrlSigner
{
    public const string DefaultBasePath = "/recordings/playback";
    public const string ExpiresParameter = "expires";
    public const string SignatureParameter = "sig";

    /// <summary>Shorter keys would weaken HMAC-SHA256 below its hash strength.</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    public PlaybackUrlSigner(ReadOnlySpan<byte> key, string basePath, TimeProvider timeProvider)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The playback signing key must be at least {MinKeyBytes} bytes.", nameof(key));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(basePath);
        if (!basePath.StartsWith('/') || basePath.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException("The playback base path must start with '/' and have no query.", nameof(basePath));
        }

        _key = key.ToArray();
        BasePath = basePath.TrimEnd('/');
        _timeProvider = timeProvider;
    }

    public string BasePath { get; }

    public Uri CreateUrl(BlobName name, DateTimeOffset expiresOn)
    {
        ArgumentNullException.ThrowIfNull(name);
        var expires = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Uri($"{BasePath}/{name.Value}?{ExpiresParameter}={expires}&{SignatureParameter}={Sign(name.Value, expires)}", UriKind.Relative);
    }

    /// <summary>Checks the parts of a URL made by <see cref="CreateUrl"/>: the blob name as routed, and its two query values.</summary>
    public PlaybackUrlVerdict Verify(string? blobName, string? expires, string? signature)
    {
        if (blobName is null || expires is null || signature is null
            || !BlobName.TryParse(blobName, out _)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds)
            || expires != expiresSeconds.ToString(CultureInfo.InvariantCulture))
        {
            return PlaybackUrlVerdict.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(blobName, expires));
        var actual = Encoding.ASCII.GetBytes(signature);

        // Fixed-time, so response timing reveals nothing about how much of a forged signature was right.
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return PlaybackUrlVerdict.Invalid;
        }

        // Checked after the signature: an attacker learns nothing from "expired" about a URL they forged.
        return _timeProvider.GetUtcNow().ToUnixTimeSeconds() < expiresSeconds ? PlaybackUrlVerdict.Valid : PlaybackUrlVerdict.Expired;
    }

    private string Sign(string blobName, string expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"sessionlab-playback-v1\n{blobName}\n{expires}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
