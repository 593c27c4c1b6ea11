using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SessionLab.Accounts.Tokens;

/// <summary>
/// The tokens SessionLab puts in links (session invites, identities, view-only links, workspace invitations, password
/// resets, the first-run link): "sl2." + base64url(Data Protection payload), one protector purpose per kind of token.
/// The key ring lives in the accounts database, so a token minted by one node is read by every other and after a
/// restart. The expiry is kept inside the payload rather than by a time-limited protector, because the two failures
/// mean different things to the person holding the link: an expired one needs a new link, a damaged one a correct copy.
/// </summary>
public sealed class ProtectedTokens(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Prefix = "sl2.";
    private const int MaxTokenLength = 4_096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Protect<T>(string purpose, T claims, DateTimeOffset expiresAt) where T : class
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(expiresAt, claims), Json);
        return Prefix + Base64Url.EncodeToString(Protector(purpose).Protect(payload));
    }

    public TokenRead<T> Read<T>(string purpose, string? token) where T : class
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TokenRead<T>.Invalid("The link's token is missing or malformed.");
        }
        var text = token[Prefix.Length..];
        byte[] protectedBytes;
        try
        {
            protectedBytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return TokenRead<T>.Invalid("The link's token is malformed.");
        }
        // One token, one spelling: padding or stray low bits would let a copy that looks different read as the same token.
        if (Base64Url.EncodeToString(protectedBytes) != text)
        {
            return TokenRead<T>.Invalid("The link's token is malformed.");
        }
        Envelope<T>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope<T>>(Protector(purpose).Unprotect(protectedBytes), Json);
        }
        catch (Exception error) when (error is CryptographicException or JsonException)
        {
            return TokenRead<T>.Invalid("The link's token was not issued by this server, was altered, or is for something else.");
        }
        if (envelope?.Claims is not { } claims)
        {
            return TokenRead<T>.Invalid("The link's token is malformed.");
        }
        return envelope.ExpiresAt <= time.GetUtcNow()
            ? new TokenRead<T>(TokenReadStatus.Expired, claims, envelope.ExpiresAt, $"This link expired on {envelope.ExpiresAt:u}.")
            : new TokenRead<T>(TokenReadStatus.Valid, claims, envelope.ExpiresAt, null);
    }

    /// <summary>Whether the text is shaped like one of these tokens (the authentication scheme picks its handler by it).</summary>
    public static bool LooksLikeToken(string? text) => text is not null && text.StartsWith(Prefix, StringComparison.Ordinal);

    private IDataProtector Protector(string purpose) => provider.CreateProtector("SessionLab.Tokens.v2", purpose);

    private sealed record Envelope<T>(DateTimeOffset ExpiresAt, T? Claims) where T : class;
}

public enum TokenReadStatus
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>What a token said: its claims when genuine (expired or not), and why it was refused when it was.</summary>
public sealed record TokenRead<T>(TokenReadStatus Status, T? Claims, DateTimeOffset? ExpiresAt, string? Problem) where T : class
{
    public static TokenRead<T> Invalid(string problem) => new(TokenReadStatus.Invalid, default, null, problem);
}
