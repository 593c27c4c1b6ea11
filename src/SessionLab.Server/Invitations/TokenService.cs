using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Invitations;

/// <summary>
/// Issues and checks the server's signed tokens: "sl1." + base64url(JSON claims) + "." + base64url(HMAC-SHA256).
/// Tokens are stateless; ending a session revokes its invites because the session then refuses every join, and a
/// view-only link is revoked in its row in the store (<see cref="Apis.ApiAccess"/> reads it).
/// </summary>
public sealed class TokenService
{
    private const string Prefix = "sl1.";
    private const int MaxTokenLength = 4_096;
    private const string SigningKeyName = "invite-tokens";

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TokenOptions _options;

    public TokenService(IOptions<TokenOptions> options, IOptions<StorageOptions> storage, IHostEnvironment environment, ISigningKeyStore keys, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = string.IsNullOrWhiteSpace(_options.SigningKey)
            ? keys.GetOrAdd(SigningKeyName, KeyFromEarlierVersion(Path.GetFullPath(storage.Value.DataDirectory, environment.ContentRootPath)) ?? RandomNumberGenerator.GetBytes(32))
            : Convert.FromBase64String(_options.SigningKey);
    }

    public TokenOptions Options => _options;

    public string IssueStudyOwner(string studyId) =>
        Sign(new TokenClaims(TokenKind.StudyOwner, studyId, null, null, null, _time.GetUtcNow() + _options.OwnerLifetime));

    public string IssueInvite(string sessionId, SessionRole role, TimeSpan lifetime, out DateTimeOffset expiresAt)
    {
        expiresAt = _time.GetUtcNow() + lifetime;
        return Sign(new TokenClaims(TokenKind.SessionInvite, sessionId, role, null, null, expiresAt));
    }

    /// <summary>The token of a view-only link: the study and the link's id, signed; what it opens is kept in the link's row.</summary>
    public string IssueReportShare(string studyId, string shareId, DateTimeOffset expiresAt) =>
        Sign(new TokenClaims(TokenKind.ReportShare, studyId, null, shareId, null, expiresAt));

    public string IssueIdentity(string sessionId, Actor actor) =>
        Sign(new TokenClaims(TokenKind.Identity, sessionId, actor.Role, actor.Id, actor.DisplayName, _time.GetUtcNow() + _options.MaxInviteLifetime));

    public TokenValidation Validate(string? token, TokenKind expectedKind)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TokenValidation.Invalid(SessionErrorCode.InvalidToken, "The link's token is missing or malformed.");
        }
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out var payload) || !TryDecode(parts[1], out var signature))
        {
            return TokenValidation.Invalid(SessionErrorCode.InvalidToken, "The link's token is malformed.");
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
        {
            return TokenValidation.Invalid(SessionErrorCode.InvalidToken, "The link's token was not issued by this server or was altered.");
        }
        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<TokenClaims>(payload, SessionJson.Options);
        }
        catch (JsonException)
        {
            claims = null;
        }
        if (claims is null || claims.Kind != expectedKind)
        {
            return TokenValidation.Invalid(SessionErrorCode.InvalidToken, "This token is not valid for this purpose.");
        }
        if (claims.ExpiresAt <= _time.GetUtcNow())
        {
            return TokenValidation.Invalid(SessionErrorCode.TokenExpired, $"This link expired on {claims.ExpiresAt:u}; ask the researcher for a new one.") with { ExpiredClaims = claims };
        }
        return TokenValidation.Valid(claims);
    }

    private string Sign(TokenClaims claims)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, SessionJson.Options);
        return Prefix + Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            // One token, one spelling: padding, or unused low bits set in the last character, would let a copy
            // that looks different validate as the same token.
            return Base64Url.EncodeToString(bytes) == text;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>
    /// Servers before the shared key store kept the key in a file beside the data; it becomes the stored key, so the
    /// links they issued keep working.
    /// </summary>
    private static byte[]? KeyFromEarlierVersion(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "token-signing.key");
        return File.Exists(path) ? Convert.FromBase64String(File.ReadAllText(path, Encoding.ASCII).Trim()) : null;
    }
}
