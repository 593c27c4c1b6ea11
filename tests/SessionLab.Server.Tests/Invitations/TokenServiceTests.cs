using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SessionLab.Accounts.Tokens;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Invitations;

public sealed class TokenServiceTests
{
    private readonly MovableClock _clock = new();
    private readonly IDataProtectionProvider _keys = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(Path.GetTempPath(), "sessionlab-token-tests", Guid.NewGuid().ToString("N"))));

    [Fact]
    public void AnInviteIsValidUntilItExpiresAndThenSaysSo()
    {
        var tokens = Create(_keys);
        var token = tokens.IssueInvite("se_1", SessionRole.Observer, TimeSpan.FromHours(1), out _);

        var valid = tokens.Validate(token, TokenKind.SessionInvite);
        _clock.Now += TimeSpan.FromHours(2);
        var expired = tokens.Validate(token, TokenKind.SessionInvite);

        Assert.Equal(("se_1", SessionRole.Observer), (valid.Claims!.Scope, valid.Claims.Role!.Value));
        Assert.Equal(SessionErrorCode.TokenExpired, expired.Error!.Code);
        Assert.Equal("se_1", expired.ExpiredClaims!.Scope);
    }

    [Fact]
    public void ATokenFromAnotherKeyRingOrOfAnotherKindIsInvalid()
    {
        var mine = Create(_keys);
        var theirs = Create(DataProtectionProvider.Create("another server"));
        var invite = mine.IssueInvite("se_1", SessionRole.Moderator, TimeSpan.FromHours(1), out _);

        Assert.Equal(SessionErrorCode.InvalidToken, theirs.Validate(invite, TokenKind.SessionInvite).Error!.Code);
        Assert.Equal(SessionErrorCode.InvalidToken, mine.Validate(invite, TokenKind.ReportShare).Error!.Code);
        Assert.Equal(SessionErrorCode.InvalidToken, mine.Validate(invite, TokenKind.Identity).Error!.Code);
        Assert.Null(mine.Validate(invite, TokenKind.SessionInvite).Error);
    }

    [Fact]
    public void AKeyRingKeptOnDiskReadsTokensAfterARestart()
    {
        var folder = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "sessionlab-token-tests", Guid.NewGuid().ToString("N")));
        var invite = Create(DataProtectionProvider.Create(folder)).IssueInvite("se_1", SessionRole.Observer, TimeSpan.FromHours(1), out _);

        var afterRestart = Create(DataProtectionProvider.Create(folder)).Validate(invite, TokenKind.SessionInvite);

        Assert.Equal("se_1", afterRestart.Claims!.Scope);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sl2.")]
    [InlineData("sl2.a.b")]
    [InlineData("sl2.!!!.???")]
    [InlineData("sl1.eyJraW5kIjoic2Vzc2lvbkludml0ZSJ9.AAAA")]
    [InlineData("not-a-token")]
    public void MalformedTokensAreInvalidNotExceptions(string? token) =>
        Assert.Equal(SessionErrorCode.InvalidToken, Create(_keys).Validate(token, TokenKind.SessionInvite).Error!.Code);

    [Theory]
    [InlineData("padded")]
    [InlineData("unusedBitsSet")]
    [InlineData("oneCharacterChanged")]
    public void ATokenSpelledOtherThanAsIssuedIsInvalid(string variant)
    {
        var tokens = Create(_keys);
        var token = tokens.IssueInvite("se_1", SessionRole.Observer, TimeSpan.FromHours(1), out _);
        var tampered = variant switch
        {
            "padded" => token + "=",
            "unusedBitsSet" => token[..^1] + Alphabet[Alphabet.IndexOf(token[^1], StringComparison.Ordinal) ^ 1],
            _ => token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..],
        };

        Assert.Null(tokens.Validate(token, TokenKind.SessionInvite).Error);
        Assert.Equal(SessionErrorCode.InvalidToken, tokens.Validate(tampered, TokenKind.SessionInvite).Error!.Code);
    }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private TokenService Create(IDataProtectionProvider keys) => new(new ProtectedTokens(keys, _clock), Options.Create(new TokenOptions()), _clock);

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
