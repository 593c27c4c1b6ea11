using System.Globalization;

namespace SessionLab.Recordings.Tests;

public sealed class PlaybackUrlSignerTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private static readonly BlobName Name = BlobName.Parse("studies/s1/sessions/x/recordings/r1.webm");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void UrlIsValidUntilItsExpiryAndExpiredFromThen()
    {
        var signer = new PlaybackUrlSigner(Key, "/recordings/playback", _clock);
        var (path, expires, signature) = PlaybackUrlParts.Split(signer.CreateUrl(Name, _clock.GetUtcNow().AddMinutes(10)));

        Assert.Equal("/recordings/playback/studies/s1/sessions/x/recordings/r1.webm", path);
        Assert.Equal(PlaybackUrlVerdict.Valid, signer.Verify(Name.Value, expires, signature));
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(PlaybackUrlVerdict.Valid, signer.Verify(Name.Value, expires, signature));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PlaybackUrlVerdict.Expired, signer.Verify(Name.Value, expires, signature));
    }

    [Fact]
    public void ChangingTheBlobNameTheExpiryOrTheSignatureMakesTheUrlInvalid()
    {
        var signer = new PlaybackUrlSigner(Key, "/recordings/playback", _clock);
        var (_, expires, signature) = PlaybackUrlParts.Split(signer.CreateUrl(Name, _clock.GetUtcNow().AddMinutes(10)));
        var later = (long.Parse(expires!, CultureInfo.InvariantCulture) + 86_400).ToString(CultureInfo.InvariantCulture);
        var flipped = (signature![0] == 'A' ? "B" : "A") + signature[1..];

        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify("studies/s1/sessions/x/recordings/r2.webm", expires, signature));
        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify(Name.Value, later, signature));
        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify(Name.Value, expires, flipped));
        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify(Name.Value, expires, signature[..^1]));
    }

    [Fact]
    public void ATamperedExpiredUrlIsInvalidNotExpired()
    {
        var signer = new PlaybackUrlSigner(Key, "/recordings/playback", _clock);
        var (_, expires, signature) = PlaybackUrlParts.Split(signer.CreateUrl(Name, _clock.GetUtcNow().AddMinutes(-1)));

        Assert.Equal(PlaybackUrlVerdict.Expired, signer.Verify(Name.Value, expires, signature));
        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify("studies/s1/other.webm", expires, signature));
    }

    [Fact]
    public void UrlSignedWithAnotherKeyIsInvalid()
    {
        var signer = new PlaybackUrlSigner(Key, "/recordings/playback", _clock);
        var other = new PlaybackUrlSigner([.. Key.Reverse()], "/recordings/playback", _clock);
        var (_, expires, signature) = PlaybackUrlParts.Split(other.CreateUrl(Name, _clock.GetUtcNow().AddMinutes(10)));

        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify(Name.Value, expires, signature));
    }

    [Theory]
    [InlineData("../etc/passwd", "1", "x")]
    [InlineData(null, "1", "x")]
    [InlineData("studies/a.webm", null, "x")]
    [InlineData("studies/a.webm", "1", null)]
    [InlineData("studies/a.webm", "-5", "x")]
    [InlineData("studies/a.webm", "0099", "x")]
    [InlineData("studies/a.webm", "soon", "x")]
    public void MalformedPartsAreInvalid(string? name, string? expires, string? signature)
    {
        var signer = new PlaybackUrlSigner(Key, "/recordings/playback", _clock);

        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify(name, expires, signature));
    }

    [Fact]
    public void ShortKeysAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new PlaybackUrlSigner(new byte[16], "/recordings/playback", _clock));
    }
}
