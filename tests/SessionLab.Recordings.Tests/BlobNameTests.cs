namespace SessionLab.Recordings.Tests;

public sealed class BlobNameTests
{
    [Theory]
    [InlineData("studies/0b5f/sessions/91ac/recordings/7d2e.webm")]
    [InlineData("a")]
    [InlineData("A-b_c.d/e..f")]
    public void ServerShapedNamesAreAccepted(string value)
    {
        Assert.Equal(value, BlobName.Parse(value).Value);
        Assert.True(BlobName.TryParse(value, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/studies/a.webm")]
    [InlineData("studies/a.webm/")]
    [InlineData("studies//a.webm")]
    [InlineData("..")]
    [InlineData("../a.webm")]
    [InlineData("studies/../../a.webm")]
    [InlineData("studies/./a.webm")]
    [InlineData(".hidden")]
    [InlineData("studies\\..\\a.webm")]
    [InlineData("studies/a b.webm")]
    [InlineData("studies/%2e%2e/a.webm")]
    [InlineData("studies/a.webm?x=1")]
    [InlineData("studies/a.webm#x")]
    [InlineData("studies/a:b")]
    [InlineData("studies/é.webm")]
    [InlineData("studies/a.")]
    [InlineData("studies/a\0.webm")]
    public void NamesThatCouldEscapeOrBeReadTwoWaysAreRejected(string value)
    {
        Assert.Throws<ArgumentException>(() => BlobName.Parse(value));
        Assert.False(BlobName.TryParse(value, out _));
    }

    [Fact]
    public void OverlongNamesAndSegmentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => BlobName.Parse(new string('a', 256)));
        Assert.Throws<ArgumentException>(() => BlobName.Parse(string.Join('/', Enumerable.Repeat(new string('a', 200), 6))));
        Assert.Equal(255, BlobName.Parse(new string('a', 255)).Value.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("studies/")]
    [InlineData("studies/s1/sessions/a")]
    [InlineData("studies/s1.")]
    public void PrefixesMayEndInASlashOrAPartialSegment(string prefix)
    {
        BlobName.ValidatePrefix(prefix);
    }
}
