using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SessionLab.Recordings;

/// <summary>
/// Azure Storage's SharedKey authorization for the Blob service (versions 2009-09-19 and later) and the service SAS
/// of version 2020-12-06 and later. Both are HMAC-SHA256 with the account key over a newline-joined string whose
/// exact layout the service recomputes; one wrong field is a 403, so each layout is spelled out field by field.
/// </summary>
internal sealed class SharedKeySigner(string accountName, byte[] accountKey)
{
    /// <summary>The REST version every request sends and every SAS is signed for.</summary>
    public const string ServiceVersion = "2021-08-06";

    public string AccountName => accountName;

    /// <summary>Adds <c>x-ms-date</c>, <c>x-ms-version</c> and the <c>Authorization: SharedKey</c> header. Content headers must be final.</summary>
    public void Sign(HttpRequestMessage request, DateTimeOffset now)
    {
        request.Headers.Remove("x-ms-date");
        request.Headers.TryAddWithoutValidation("x-ms-date", now.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Remove("x-ms-version");
        request.Headers.TryAddWithoutValidation("x-ms-version", ServiceVersion);
        var signature = ComputeSignature(BuildStringToSign(request));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{accountName}:{signature}");
    }

    public string BuildStringToSign(HttpRequestMessage request)
    {
        var content = request.Content?.Headers;
        var contentLength = content?.ContentLength is { } length and > 0 ? length.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var builder = new StringBuilder()
            .Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Join(content?.ContentEncoding)).Append('\n')
            .Append(Join(content?.ContentLanguage)).Append('\n')
            // Since version 2015-02-21 a zero Content-Length is signed as empty.
            .Append(contentLength).Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : string.Empty).Append('\n')
            .Append(content?.ContentType?.ToString() ?? string.Empty).Append('\n')
            // Date is empty because x-ms-date is always sent, and it wins.
            .Append(string.Empty).Append('\n')
            .Append(HeaderValue(request, "If-Modified-Since")).Append('\n')
            .Append(HeaderValue(request, "If-Match")).Append('\n')
            .Append(HeaderValue(request, "If-None-Match")).Append('\n')
            .Append(HeaderValue(request, "If-Unmodified-Since")).Append('\n')
            .Append(HeaderValue(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        builder.Append(CanonicalizeResource(request.RequestUri ?? throw new InvalidOperationException("The request has no URI.")));
        return builder.ToString();
    }

    /// <summary>
    /// <c>/account/encoded-path</c>, then one line per query parameter: lower-cased name, ':', its decoded values sorted and
    /// joined with ','. On a path-style endpoint (Azurite) the path itself starts with the account, so it appears twice.
    /// </summary>
    public string CanonicalizeResource(Uri uri)
    {
        var builder = new StringBuilder().Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').AppendJoin(',', values);
        }

        return builder.ToString();
    }

    /// <summary>The query string (without '?') of a read-only service SAS for one blob.</summary>
    public string CreateBlobReadSas(string container, string blobName, DateTimeOffset expiresOn)
    {
        var expiry = expiresOn.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var signature = ComputeSignature(BuildBlobSasStringToSign("r", expiry, container, blobName));
        return $"sv={ServiceVersion}&se={Uri.EscapeDataString(expiry)}&sr=b&sp=r&sig={Uri.EscapeDataString(signature)}";
    }

    /// <summary>The service SAS string-to-sign of version 2020-12-06 and later, with the optional fields left empty.</summary>
    public string BuildBlobSasStringToSign(string permissions, string expiry, string container, string blobName) =>
        string.Join('\n',
            permissions,
            string.Empty, // signedStart: omitted, so the URL works at once despite clock skew
            expiry,
            $"/blob/{accountName}/{container}/{blobName}",
            string.Empty, // signedIdentifier
            string.Empty, // signedIP
            string.Empty, // signedProtocol
            ServiceVersion,
            "b", // signedResource: one blob
            string.Empty, // signedSnapshotTime
            string.Empty, // signedEncryptionScope
            string.Empty, // rscc
            string.Empty, // rscd
            string.Empty, // rsce
            string.Empty, // rscl
            string.Empty); // rsct

    public string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));

    private static void AppendCanonicalizedHeaders(StringBuilder builder, HttpRequestMessage request)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Where(header => header.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(header => (Name: header.Key.ToLowerInvariant(), Value: string.Join(',', header.Value).Trim()))
            .OrderBy(header => header.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static string HeaderValue(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : string.Empty;

    private static string Join(ICollection<string>? values) => values is null ? string.Empty : string.Join(',', values);
}
