using SessionLab.Storage.Sharing;

namespace SessionLab.Storage.Tests.Sharing;

/// <summary>What every share-link store does, SQLite or PostgreSQL: a row per link that outlives the process, revoked in place.</summary>
public abstract class ShareLinkStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Made = new(2026, 12, 1, 9, 30, 15, TimeSpan.Zero);

    protected abstract IShareLinkStore Store { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Closes the store and opens it again on the same data, as a restarted server would.</summary>
    protected abstract Task ReopenAsync();

    [Fact]
    public async Task EachKindOfLinkReadsBackAsMadeAfterARestart()
    {
        var note = Guid.NewGuid();
        var report = new ShareLink("sh_report", "st_a", ShareScope.Report, null, null, null, Made, Made.AddDays(7), null);
        var clip = new ShareLink("sh_clip", "st_a", ShareScope.Clip, "se_1", note, null, Made.AddMinutes(1), Made.AddDays(1), null);
        var reel = new ShareLink("sh_reel", "st_a", ShareScope.Highlights, "se_1", null, "Confusion", Made.AddMinutes(2), Made.AddDays(30), null);
        foreach (var link in new[] { report, clip, reel })
        {
            await Store.AddAsync(link, default);
        }

        await ReopenAsync();

        Assert.Equal(report, await Store.FindAsync("sh_report", default));
        Assert.Equal(clip, await Store.FindAsync("sh_clip", default));
        Assert.Equal(reel, await Store.FindAsync("sh_reel", default));
        Assert.Null(await Store.FindAsync("sh_none", default));
    }

    [Fact]
    public async Task AStudyListsOnlyItsOwnLinksNewestFirst()
    {
        await Store.AddAsync(new ShareLink("sh_old", "st_b", ShareScope.Report, null, null, null, Made, Made.AddDays(7), null), default);
        await Store.AddAsync(new ShareLink("sh_new", "st_b", ShareScope.Report, null, null, null, Made.AddHours(1), Made.AddDays(7), null), default);
        await Store.AddAsync(new ShareLink("sh_other", "st_c", ShareScope.Report, null, null, null, Made, Made.AddDays(7), null), default);

        var listed = await Store.ListAsync("st_b", default);

        Assert.Equal(["sh_new", "sh_old"], listed.Select(l => l.Id));
    }

    [Fact]
    public async Task RevokingKeepsTheRowWithTheFirstRevocationTimeAndOnlyForItsStudy()
    {
        await Store.AddAsync(new ShareLink("sh_r", "st_d", ShareScope.Report, null, null, null, Made, Made.AddDays(7), null), default);

        Assert.Null(await Store.RevokeAsync("st_other", "sh_r", Made.AddHours(1), default));
        var first = await Store.RevokeAsync("st_d", "sh_r", Made.AddHours(2), default);
        var again = await Store.RevokeAsync("st_d", "sh_r", Made.AddHours(3), default);
        await ReopenAsync();

        Assert.Equal(Made.AddHours(2), first!.RevokedAt);
        Assert.Equal(Made.AddHours(2), again!.RevokedAt);
        Assert.Equal(Made.AddHours(2), (await Store.FindAsync("sh_r", default))!.RevokedAt);
        Assert.Null(await Store.RevokeAsync("st_d", "sh_none", Made, default));
    }
}
