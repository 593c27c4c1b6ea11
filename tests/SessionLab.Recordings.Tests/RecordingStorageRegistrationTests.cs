using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SessionLab.Recordings.Tests;

public sealed class RecordingStorageRegistrationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sessionlab-registration-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WithoutAConnectionStringRecordingsGoToTheLocalFolder()
    {
        using var services = Build(new() { ["Recordings:LocalPath"] = _root });

        var store = Assert.IsType<LocalDiskBlobStore>(services.GetRequiredService<IBlobStore>());

        Assert.Equal(_root, store.RootPath);
        Assert.NotNull(services.GetRequiredService<PlaybackUrlSigner>());
    }

    [Fact]
    public void WithAConnectionStringRecordingsGoToAzureBlobStorage()
    {
        using var services = Build(new()
        {
            ["Recordings:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Recordings:Container"] = "session-recordings",
        });

        var store = Assert.IsType<AzureBlobStore>(services.GetRequiredService<IBlobStore>());

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/session-recordings"), store.ContainerUri);
    }

    [Fact]
    public void InvalidSettingsFailStartUpNamingEveryProblem()
    {
        using var services = Build(new()
        {
            ["Recordings:ConnectionString"] = "AccountName=a",
            ["Recordings:Container"] = "Bad_Name",
            ["Recordings:MaxBlockBytes"] = "0",
            ["Recordings:PlaybackSigningKey"] = "c2hvcnQ=",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, failure => failure.StartsWith("Recordings:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Recordings:Container", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Recordings:MaxBlockBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Recordings:PlaybackSigningKey", StringComparison.Ordinal));
    }

    [Fact]
    public void AConnectionStringWithoutAnAccountKeyFailsStartUpWithoutRepeatingIt()
    {
        const string secret = "sv=2021-08-06&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=c2VjcmV0";
        using var services = Build(new() { ["Recordings:ConnectionString"] = $"BlobEndpoint=https://sessionlab.blob.core.windows.net;SharedAccessSignature={secret}" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Recordings:ConnectionString", failure, StringComparison.Ordinal);
        Assert.Contains("AccountKey", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSettingsAreValid()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRecordingStorage(configuration).BuildServiceProvider();
    }
}
