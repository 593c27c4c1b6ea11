using System.Security.Cryptography;

namespace SessionLab.Recordings.Tests;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run against each store by a derived class. Each test works in a
/// fresh container the derived class provides, so tests share nothing and may run in any order.
/// </summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    protected const string WebM = "video/webm";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    protected CancellationToken Token => _timeout.Token;

    protected IBlobStore Store { get; private set; } = null!;

    /// <summary>A store over a container no other test uses.</summary>
    protected abstract IBlobStore CreateStore();

    /// <summary>A second, fresh store object over the same container, as after a server restart.</summary>
    protected abstract IBlobStore ReopenStore();

    public virtual async Task InitializeAsync()
    {
        Store = CreateStore();
        await Store.CreateContainerIfNotExistsAsync(Token).WaitAsync(TestTimeouts.Step);
    }

    public virtual Task DisposeAsync()
    {
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CreatingTheContainerAgainSucceeds()
    {
        await Store.CreateContainerIfNotExistsAsync(Token).WaitAsync(TestTimeouts.Step);
    }

    [Fact]
    public async Task UploadingAStreamSplitsItIntoBlocksAndCommitsItWhole()
    {
        var name = NewName();
        var data = RandomBytes(3 * 1000 + 1);
        await using var source = new MemoryStream([.. data, .. RandomBytes(50)]);

        var committed = await Store.UploadAsync(name, source, data.Length, WebM, blockBytes: 1000, Token).WaitAsync(TestTimeouts.Step);
        var blocks = await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(data.Length, committed.Length);
        Assert.Equal([1000L, 1000, 1000, 1], blocks.Committed.Select(b => b.Size));
        Assert.Equal(data, await ReadAllAsync(name, range: null));
        Assert.Equal(data.Length, source.Position);
    }

    [Fact]
    public async Task UploadInBlocksThenCommitGivesByteIdenticalContent()
    {
        var name = NewName();
        var data = RandomBytes(5 * 256 * 1024 + 4321);
        var blocks = Split(data, 256 * 1024);

        for (var i = 0; i < blocks.Count; i++)
        {
            await Store.StageBlockAsync(name, BlockId.FromIndex(i), blocks[i], Token).WaitAsync(TestTimeouts.Step);
        }

        var committed = await Store.CommitBlockListAsync(name, Ids(blocks.Count), WebM, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(data.Length, committed.Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await ReadAllAsync(name, range: null)));
    }

    [Fact]
    public async Task InterruptedUploadResumedFromTheBlockListGivesByteIdenticalContent()
    {
        var name = NewName();
        var data = RandomBytes(6 * 100_000 + 777);
        var blocks = Split(data, 100_000);

        for (var i = 0; i < 3; i++)
        {
            await Store.StageBlockAsync(name, BlockId.FromIndex(i), blocks[i], Token).WaitAsync(TestTimeouts.Step);
        }

        // The fourth block's connection drops half-way: none of it may count as staged.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Store.StageBlockAsync(name, BlockId.FromIndex(3), new FailingStream(blocks[3], blocks[3].Length / 2), blocks[3].Length, Token).WaitAsync(TestTimeouts.Step));

        var resumed = ReopenStore();
        var before = await resumed.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step);
        Assert.Empty(before.Committed);
        Assert.Equal(
            new[] { (0, 100_000L), (1, 100_000L), (2, 100_000L) },
            before.Uncommitted.Select(block => (block.Id.Index!.Value, block.Size)).Order());
        await Assert.ThrowsAsync<BlobNotFoundException>(() => resumed.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step));

        var staged = before.Uncommitted.Select(block => block.Id).ToHashSet();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (!staged.Contains(BlockId.FromIndex(i)))
            {
                await resumed.StageBlockAsync(name, BlockId.FromIndex(i), blocks[i], Token).WaitAsync(TestTimeouts.Step);
            }
        }

        await resumed.CommitBlockListAsync(name, Ids(blocks.Count), WebM, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await ReadAllAsync(name, range: null)));
        var after = await resumed.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step);
        Assert.Equal(blocks.Select(block => (long)block.Length), after.Committed.Select(block => block.Size));
        Assert.Empty(after.Uncommitted);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task StagingFromAStreamShorterOrLongerThanDeclaredFailsAndStagesNothing(int declaredMinusActual)
    {
        var name = NewName();
        var data = RandomBytes(1000);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            Store.StageBlockAsync(name, BlockId.FromIndex(0), new MemoryStream(data), data.Length + declaredMinusActual, Token).WaitAsync(TestTimeouts.Step));

        var blocks = await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step);
        Assert.Empty(blocks.Uncommitted);
    }

    [Fact]
    public async Task CommittingABlockThatWasNeverStagedIsRejected()
    {
        var name = NewName();
        await Store.StageBlockAsync(name, BlockId.FromIndex(0), RandomBytes(100), Token).WaitAsync(TestTimeouts.Step);

        var error = await Assert.ThrowsAsync<InvalidBlockListException>(() =>
            Store.CommitBlockListAsync(name, Ids(2), WebM, Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(name, error.Name);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task CommitCanKeepCommittedBlocksAndAppendNewlyStagedOnes()
    {
        var name = NewName();
        var first = RandomBytes(3000);
        var second = RandomBytes(1234);
        await Store.StageBlockAsync(name, BlockId.FromIndex(0), first, Token).WaitAsync(TestTimeouts.Step);
        await Store.CommitBlockListAsync(name, Ids(1), WebM, Token).WaitAsync(TestTimeouts.Step);

        await Store.StageBlockAsync(name, BlockId.FromIndex(1), second, Token).WaitAsync(TestTimeouts.Step);
        var committed = await Store.CommitBlockListAsync(name, Ids(2), WebM, Token).WaitAsync(TestTimeouts.Step);

        var content = await ReadAllAsync(name, range: null);
        Assert.Equal(first.Length + second.Length, committed.Length);
        Assert.Equal(first.Concat(second), content);
    }

    [Fact]
    public async Task ABlockListReadWhileACommitRunsIsTheOneBeforeItOrTheOneAfter()
    {
        for (var round = 0; round < 5; round++)
        {
            var name = NewName();
            var blocks = Split(RandomBytes(20 * 1000), 1000);
            for (var i = 0; i < blocks.Count; i++)
            {
                await Store.StageBlockAsync(name, BlockId.FromIndex(i), blocks[i], Token).WaitAsync(TestTimeouts.Step);
            }

            var commit = Task.Run(() => Store.CommitBlockListAsync(name, Ids(blocks.Count), WebM, Token));
            var seen = new List<BlockList>();
            do
            {
                seen.Add(await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step));
            }
            while (!commit.IsCompleted);
            await commit.WaitAsync(TestTimeouts.Step);

            Assert.All(seen, list => Assert.True(
                (list.Committed.Length, list.Uncommitted.Length) is (0, 20) or (20, 0),
                $"{list.Committed.Length} committed and {list.Uncommitted.Length} staged blocks"));
        }
    }

    [Fact]
    public async Task PropertiesReportLengthContentTypeAndAnETagThatChangesWithTheContent()
    {
        var name = NewName();
        var committed = await UploadAsync(name, RandomBytes(4096));

        var properties = await Store.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(name, properties.Name);
        Assert.Equal(4096, properties.Length);
        Assert.Equal(WebM, properties.ContentType);
        Assert.StartsWith("\"", properties.ETag, StringComparison.Ordinal);
        Assert.Equal(committed.ETag, properties.ETag);

        // Same length, straight after: only the content differs, and the tag must still change.
        var replaced = await UploadAsync(name, RandomBytes(4096));
        Assert.NotEqual(properties.ETag, replaced.ETag);
        Assert.Equal(replaced.ETag, (await Store.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step)).ETag);
    }

    [Theory]
    [InlineData(0L, 10L)]
    [InlineData(0L, 1L)]
    [InlineData(500L, 37L)]
    [InlineData(990L, 10L)]
    [InlineData(999L, 1L)]
    [InlineData(123L, null)]
    public async Task RangeReadsReturnExactlyTheRequestedBytes(long offset, long? length)
    {
        var name = NewName();
        var data = RandomBytes(1000);
        await UploadAsync(name, data);

        using var download = await Store.DownloadAsync(name, new ByteRange(offset, length), Token).WaitAsync(TestTimeouts.Step);
        var bytes = await ReadToEndAsync(download.Content);

        var expected = data.AsSpan((int)offset, (int)(length ?? data.Length - offset)).ToArray();
        Assert.Equal(expected, bytes);
        Assert.Equal(offset, download.Offset);
        Assert.Equal(expected.Length, download.Length);
        Assert.Equal(data.Length, download.Properties.Length);
    }

    [Fact]
    public async Task RangeReadPastTheEndIsClampedToTheEnd()
    {
        var name = NewName();
        var data = RandomBytes(1000);
        await UploadAsync(name, data);

        Assert.Equal(data[995..], await ReadAllAsync(name, new ByteRange(995, 100)));
    }

    [Theory]
    [InlineData(1000L)]
    [InlineData(5000L)]
    public async Task RangeStartingAtOrPastTheEndIsNotSatisfiable(long offset)
    {
        var name = NewName();
        await UploadAsync(name, RandomBytes(1000));

        await Assert.ThrowsAsync<BlobRangeNotSatisfiableException>(() =>
            Store.DownloadAsync(name, new ByteRange(offset, 10), Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task ListingByPrefixReturnsOnlyCommittedBlobsUnderItInNameOrder()
    {
        var study = $"studies/{Guid.NewGuid():N}";
        var wanted = new[] { $"{study}/sessions/a/recordings/2.webm", $"{study}/sessions/a/recordings/1.webm", $"{study}/sessions/ab/recordings/1.webm" };
        foreach (var name in wanted.Append($"{study}/sessions/b/recordings/1.webm").Append($"studies/{Guid.NewGuid():N}/sessions/a/recordings/1.webm"))
        {
            await UploadAsync(BlobName.Parse(name), RandomBytes(10));
        }

        // Staged but never committed: not a blob yet.
        await Store.StageBlockAsync(BlobName.Parse($"{study}/sessions/a/recordings/3.webm"), BlockId.FromIndex(0), RandomBytes(10), Token).WaitAsync(TestTimeouts.Step);

        var listed = await Store.ListAsync($"{study}/sessions/a", Token).ToListAsync(Token).WaitAsync(TestTimeouts.Step);

        Assert.Equal(wanted.Order(StringComparer.Ordinal), listed.Select(blob => blob.Name.Value));
        Assert.All(listed, blob => Assert.Equal(10, blob.Length));
        Assert.All(listed, blob => Assert.Equal(WebM, blob.ContentType));
        var folder = await Store.ListAsync($"{study}/sessions/b/", Token).ToListAsync(Token).WaitAsync(TestTimeouts.Step);
        Assert.Equal([$"{study}/sessions/b/recordings/1.webm"], folder.Select(blob => blob.Name.Value));
        Assert.Empty(await Store.ListAsync($"{study}/sessions/c/", Token).ToListAsync(Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task DeleteRemovesTheBlobAndReportsWhetherItExisted()
    {
        var name = NewName();
        await UploadAsync(name, RandomBytes(100));

        Assert.True(await Store.DeleteIfExistsAsync(name, Token).WaitAsync(TestTimeouts.Step));

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step));
        Assert.Empty(await Store.ListAsync(name.Value, Token).ToListAsync(Token).WaitAsync(TestTimeouts.Step));
        Assert.Equal(BlockList.Empty, await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step));
        Assert.False(await Store.DeleteIfExistsAsync(name, Token).WaitAsync(TestTimeouts.Step));
    }

    [Fact]
    public async Task MissingBlobGivesATypedNotFound()
    {
        var name = NewName();

        var properties = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.GetPropertiesAsync(name, Token).WaitAsync(TestTimeouts.Step));
        var download = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.DownloadAsync(name, null, Token).WaitAsync(TestTimeouts.Step));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.DownloadAsync(name, new ByteRange(0, 1), Token).WaitAsync(TestTimeouts.Step));

        Assert.Equal(name, properties.Name);
        Assert.Equal(name, download.Name);
        Assert.Equal(BlockList.Empty, await Store.GetBlockListAsync(name, Token).WaitAsync(TestTimeouts.Step));
        Assert.False(await Store.DeleteIfExistsAsync(name, Token).WaitAsync(TestTimeouts.Step));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("studies/../../etc")]
    [InlineData("/studies")]
    [InlineData("studies//a")]
    [InlineData("studies\\..\\a")]
    [InlineData("studies/%2e%2e/a")]
    [InlineData(".hidden")]
    public async Task ListingWithAPrefixThatCouldEscapeTheContainerIsRejected(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListAsync(prefix, Token).ToListAsync(Token).WaitAsync(TestTimeouts.Step));
    }

    protected static BlobName NewName() => BlobName.Parse($"studies/{Guid.NewGuid():N}/sessions/{Guid.NewGuid():N}/recordings/{Guid.NewGuid():N}.webm");

    protected static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    protected async Task<BlobProperties> UploadAsync(BlobName name, byte[] data)
    {
        await Store.StageBlockAsync(name, BlockId.FromIndex(0), data, Token).WaitAsync(TestTimeouts.Step);
        return await Store.CommitBlockListAsync(name, Ids(1), WebM, Token).WaitAsync(TestTimeouts.Step);
    }

    protected async Task<byte[]> ReadAllAsync(BlobName name, ByteRange? range)
    {
        using var download = await Store.DownloadAsync(name, range, Token).WaitAsync(TestTimeouts.Step);
        return await ReadToEndAsync(download.Content);
    }

    protected async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Token).WaitAsync(TestTimeouts.Step);
        return buffer.ToArray();
    }

    private static List<byte[]> Split(byte[] data, int blockSize) => [.. data.Chunk(blockSize)];

    private static BlockId[] Ids(int count) => [.. Enumerable.Range(0, count).Select(BlockId.FromIndex)];
}
