using Microsoft.Extensions.Logging.Abstractions;

namespace SessionLab.Recordings.Tests;

public sealed class LocalDiskBlobStoreContractTests : BlobStoreContractTests
{
    private static readonly byte[] SigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly string _root = Directory.CreateTempSubdirectory("sessionlab-blobs-").FullName;
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override IBlobStore CreateStore() => NewStore();

    protected override IBlobStore ReopenStore() => NewStore();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ReadUrlIsServerRelativeAndVerifiesForThatBlobUntilItExpires()
    {
        var name = NewName();
        await UploadAsync(name, RandomBytes(10));
        var signer = Signer();

        var url = await Store.CreateReadUrlAsync(name, _clock.GetUtcNow().AddMinutes(5), Token).AsTask().WaitAsync(TestTimeouts.Step);

        var (path, expires, signature) = PlaybackUrlParts.Split(url);
        Assert.Equal($"{PlaybackUrlSigner.DefaultBasePath}/{name}", path);
        Assert.Equal(PlaybackUrlVerdict.Valid, signer.Verify(name.Value, expires, signature));
        Assert.Equal(PlaybackUrlVerdict.Invalid, signer.Verify(NewName().Value, expires, signature));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(PlaybackUrlVerdict.Expired, signer.Verify(name.Value, expires, signature));
    }

    [Fact]
    public async Task WritesLeaveNoTemporaryFilesBehind()
    {
        var name = NewName();
        await UploadAsync(name, RandomBytes(1000));
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            Store.StageBlockAsync(name, BlockId.FromIndex(1), new MemoryStream(new byte[10]), 20, Token).WaitAsync(TestTimeouts.Step));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "tmp")));
    }

    private LocalDiskBlobStore NewStore() => new(_root, Signer(), NullLogger<LocalDiskBlobStore>.Instance);

    private PlaybackUrlSigner Signer() => new(SigningKey, PlaybackUrlSigner.DefaultBasePath, _clock);
}
