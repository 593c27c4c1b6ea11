namespace SessionLab.Recordings.Tests;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void AzuriteConnectionStringGivesAccountKeyAndPathStyleEndpoint()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnectionString.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey), parsed.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
    }

    [Fact]
    public void AzureConnectionStringWithoutBlobEndpointUsesTheAccountHost()
    {
        var parsed = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=sessionlab;AccountKey=AAAA;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://sessionlab.blob.core.windows.net"), parsed.BlobEndpoint);
    }

    [Fact]
    public void DevelopmentStorageShorthandMeansTheEmulatorDefaults()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
    }

    [Theory]
    [InlineData("AccountName=a")]
    [InlineData("AccountKey=AAAA")]
    [InlineData("AccountName=a;AccountKey=not-base64!")]
    [InlineData("AccountName=a;SharedAccessSignature=sv=2021&sig=x")]
    [InlineData("AccountName=a;AccountKey=AAAA;BlobEndpoint=ftp://host/")]
    [InlineData("garbage")]
    public void IncompleteOrUnsupportedConnectionStringsAreRefusedWithoutEchoingThem(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.DoesNotContain("AAAA", error.Message, StringComparison.Ordinal);
    }
}
