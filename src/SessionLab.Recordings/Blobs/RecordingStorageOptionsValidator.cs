using Microsoft.Extensions.Options;

namespace SessionLab.Recordings;

/// <summary>Fails start-up, with every problem at once, rather than the first upload.</summary>
internal sealed class RecordingStorageOptionsValidator : IValidateOptions<RecordingStorageOptions>
{
    /// <summary>
    /// Far below Put Block's own limit (4000 MiB): the Azure store holds each chunk in memory once while staging it,
    /// so that the SDK can resend it on a retry.
    /// </summary>
    private const long MaxBufferedBlockBytes = 256L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, RecordingStorageOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)
            && !AzureBlobStore.IsUsableConnectionString(options.ConnectionString, out var connectionError))
        {
            failures.Add($"Recordings:ConnectionString: {connectionError}");
        }

        if (!ContainerName.IsValid(options.Container))
        {
            failures.Add($"Recordings:Container: {ContainerName.Rules}");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.LocalPath))
        {
            failures.Add("Recordings:LocalPath must be set when there is no Recordings:ConnectionString.");
        }

        if (options.MaxBlockBytes is <= 0 or > MaxBufferedBlockBytes)
        {
            failures.Add($"Recordings:MaxBlockBytes must be between 1 and {MaxBufferedBlockBytes}.");
        }

        if (options.MaxRecordingBytes < options.MaxBlockBytes
            || options.MaxRecordingBytes > options.MaxBlockBytes * BlockId.MaxBlocksPerBlob)
        {
            failures.Add($"Recordings:MaxRecordingBytes must be at least MaxBlockBytes and at most {BlockId.MaxBlocksPerBlob} blocks of it.");
        }

        if (options.ReadUrlLifetime <= TimeSpan.Zero || options.ReadUrlLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Recordings:ReadUrlLifetime must be positive and at most one day.");
        }

        if (string.IsNullOrWhiteSpace(options.PlaybackPath) || !options.PlaybackPath.StartsWith('/') || options.PlaybackPath.Contains('?', StringComparison.Ordinal))
        {
            failures.Add("Recordings:PlaybackPath must be a server path starting with '/'.");
        }

        if (options.PlaybackSigningKey is { } key && !IsStrongKey(key))
        {
            failures.Add($"Recordings:PlaybackSigningKey must be base64 of at least {PlaybackUrlSigner.MinKeyBytes} bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsStrongKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var written) && written >= PlaybackUrlSigner.MinKeyBytes;
    }
}
