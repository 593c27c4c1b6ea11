namespace SessionLab.Recordings;

/// <summary>
/// The parts of an Azure Storage connection string the blob client needs. Only account-key strings are accepted:
/// SharedKey signing and service SAS both need the key.
/// </summary>
internal sealed class StorageConnectionString
{
    /// <summary>The published key of the storage emulator's development account; not a secret.</summary>
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(string accountName, byte[] accountKey, Uri blobEndpoint)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        BlobEndpoint = blobEndpoint;
    }

    public string AccountName { get; }

    public byte[] AccountKey { get; }

    /// <summary>The service root, without a trailing slash (for Azurite it ends in the account name).</summary>
    public Uri BlobEndpoint { get; }

    public static StorageConnectionString Parse(string connectionString) =>
        TryParse(connectionString, out var parsed, out var error) ? parsed : throw new FormatException(error);

    /// <remarks>Error messages never repeat the input: it holds the account key.</remarks>
    public static bool TryParse(string connectionString, out StorageConnectionString parsed, out string error)
    {
        parsed = null!;
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end in '='.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = "The storage connection string must be a list of Name=Value pairs separated by ';'.";
                return false;
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            settings.TryAdd("AccountName", "devstoreaccount1");
            settings.TryAdd("AccountKey", DevelopmentAccountKey);
            settings.TryAdd("BlobEndpoint", "http://127.0.0.1:10000/devstoreaccount1");
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            error = "The storage connection string has no AccountName.";
            return false;
        }

        if (!settings.TryGetValue("AccountKey", out var key) || !TryDecodeKey(key, out var accountKey))
        {
            error = "The storage connection string has no AccountKey, or it is not base64 (SAS connection strings are not supported).";
            return false;
        }

        if (!TryGetBlobEndpoint(settings, accountName, out var endpoint))
        {
            error = "The storage connection string's BlobEndpoint (or DefaultEndpointsProtocol and EndpointSuffix) is not an absolute http(s) URL.";
            return false;
        }

        parsed = new StorageConnectionString(accountName, accountKey, endpoint);
        error = string.Empty;
        return true;
    }

    private static bool TryDecodeKey(string key, out byte[] accountKey)
    {
        accountKey = new byte[key.Length];
        if (!Convert.TryFromBase64String(key, accountKey, out var written) || written == 0)
        {
            return false;
        }

        accountKey = accountKey[..written];
        return true;
    }

    private static bool TryGetBlobEndpoint(Dictionary<string, string> settings, string accountName, out Uri endpoint)
    {
        var text = settings.TryGetValue("BlobEndpoint", out var explicitEndpoint)
            ? explicitEndpoint
            : $"{settings.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{accountName}.blob.{settings.GetValueOrDefault("EndpointSuffix", "core.windows.net")}";
        if (Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Query.Length == 0)
        {
            endpoint = parsed;
            return true;
        }

        endpoint = null!;
        return false;
    }

    public override string ToString() => $"AccountName={AccountName};BlobEndpoint={BlobEndpoint}";
}
