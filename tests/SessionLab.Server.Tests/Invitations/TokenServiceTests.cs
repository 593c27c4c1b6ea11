using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Tests.Invitations;

public sealed class TokenServiceTests
{
    private readonly MovableClock _clock = new();

    [Fact]
    public void AnInviteIsValidUntilItExpires()
    {
        var tokens = Create();
        var token = tokens.IssueInvite("se_1", SessionRole.Observer, TimeSpan.FromHours(1), out _);

        var valid = tokens.Validate(token, TokenKind.SessionInvite);
        _clock.Now += TimeSpan.FromHours(2);
        var expired = tokens.Validate(token, TokenKind.SessionInvite);

        Assert.Equal(("se_1", SessionRole.Observer), (valid.Claims!.Scope, valid.Claims.Role!.Value));
        Assert.Equal(SessionErrorCode.TokenExpired, expired.Error!.Code);
    }

    [Fact]
    public void ATokenFromAnotherKeyOrOfAnotherKindIsInvalid()
    {
        var mine = Create(Convert.ToBase64String(new byte[32]));
        var theirs = Create(Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()));
        var owner = mine.IssueStudyOwner("st_1");

        Assert.Equal(SessionErrorCode.InvalidToken, theirs.Validate(owner, TokenKind.StudyOwner).Error!.Code);
        Assert.Equal(SessionErrorCode.InvalidToken, mine.Validate(owner, TokenKind.SessionInvite).Error!.Code);
        Assert.Null(mine.Validate(owner, TokenKind.StudyOwner).Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sl1.")]
    [InlineData("sl1.a.b")]
    [InlineData("sl1.!!!.???")]
    [InlineData("not-a-token")]
    public void MalformedTokensAreInvalidNotExceptions(string? token) =>
        Assert.Equal(SessionErrorCode.InvalidToken, Create().Validate(token, TokenKind.SessionInvite).Error!.Code);

    [Theory]
    [InlineData("payloadPadded")]
    [InlineData("signaturePadded")]
    [InlineData("signatureUnusedBitsSet")]
    public void ATokenSpelledOtherThanAsIssuedIsInvalid(string variant)
    {
        var tokens = Create();
        var token = tokens.IssueInvite("se_1", SessionRole.Observer, TimeSpan.FromHours(1), out _);
        var dot = token.LastIndexOf('.');
        var tampered = variant switch
        {
            "payloadPadded" => token[..dot] + "=" + token[dot..],
            "signaturePadded" => token + "=",
            // A 32-byte signature is 43 characters; the last one carries 4 unused bits, so flipping its lowest bit
            // decodes to the same bytes.
            _ => token[..^1] + Alphabet[Alphabet.IndexOf(token[^1], StringComparison.Ordinal) ^ 1],
        };

        Assert.Null(tokens.Validate(token, TokenKind.SessionInvite).Error);
        Assert.Equal(SessionErrorCode.InvalidToken, tokens.Validate(tampered, TokenKind.SessionInvite).Error!.Code);
    }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private TokenService Create(string? key = null) => new(
        Options.Create(new TokenOptions { SigningKey = key ?? Convert.ToBase64String(new byte[32]) }),
        Options.Create(new StorageOptions()),
        new FakeEnvironment(),
        new NoStoredKeys(),
        _clock);

    /// <summary>A configured key is used as given; the shared store is never asked.</summary>
    private sealed class NoStoredKeys : ISigningKeyStore
    {
        public byte[] GetOrAdd(string name, byte[] proposed) => throw new InvalidOperationException("A configured key must not be replaced by a stored one.");
    }

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class FakeEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
