namespace SessionLab.Recordings.Tests;

public sealed class BlockIdTests
{
    [Fact]
    public void IdsFromIndexesHaveEqualLengthsAsAzureRequiresAndRoundTrip()
    {
        var ids = new[] { 0, 7, 49_999 }.Select(BlockId.FromIndex).ToList();

        Assert.Single(ids.Select(id => id.Value.Length).Distinct());
        Assert.Equal([0, 7, 49_999], ids.Select(id => id.Index));
        Assert.Equal(ids[1], BlockId.Parse(ids[1].Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("QQ")]
    public void NonCanonicalBase64IsRejected(string value)
    {
        Assert.Throws<ArgumentException>(() => BlockId.Parse(value));
    }

    [Fact]
    public void IdsLongerThanSixtyFourBytesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => BlockId.Parse(Convert.ToBase64String(new byte[65])));
        Assert.Null(BlockId.Parse(Convert.ToBase64String(new byte[64])).Index);
    }

    [Fact]
    public void IndexesBeyondAzuresBlockLimitAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockId.FromIndex(BlockId.MaxBlocksPerBlob));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockId.FromIndex(-1));
    }
}
