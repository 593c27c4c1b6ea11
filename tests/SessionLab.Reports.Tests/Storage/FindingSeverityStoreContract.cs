using SessionLab.Reports.Storage;

namespace SessionLab.Reports.Tests.Storage;

/// <summary>What every finding severity store does, run against SQLite and a real PostgreSQL server.</summary>
public abstract class FindingSeverityStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    protected IFindingSeverityStore Store { get; set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Opens a second store over the same database, as a restarted server would.</summary>
    protected abstract Task<IFindingSeverityStore> ReopenAsync();

    [Fact]
    public async Task ASetSeverityIsReadBackWithWhoSetItAndWhen()
    {
        await Store.SetAsync(new FindingSeverity("st_a", "checkout", 3, Monday, "Dana"), default);

        var read = Assert.Single(await (await ReopenAsync()).ListAsync("st_a", default));

        Assert.Equal(new FindingSeverity("st_a", "checkout", 3, Monday, "Dana"), read);
    }

    [Fact]
    public async Task ChangingASeverityReplacesItWhateverTheCaseOfTheTag()
    {
        await Store.SetAsync(new FindingSeverity("st_a", "checkout", 3, Monday, "Dana"), default);
        await Store.SetAsync(new FindingSeverity("st_a", "Checkout", 1, Monday.AddHours(2), "Sam"), default);

        var read = Assert.Single(await Store.ListAsync("st_a", default));

        Assert.Equal(("Checkout", 1, Monday.AddHours(2), "Sam"), (read.Tag, read.Severity, read.UpdatedAt, read.UpdatedBy));
    }

    [Fact]
    public async Task ClearingASeverityLeavesTheFindingUnratedAndTheOthersAlone()
    {
        await Store.SetAsync(new FindingSeverity("st_a", "checkout", 3, Monday, "Dana"), default);
        await Store.SetAsync(new FindingSeverity("st_a", "nav", 2, Monday, "Dana"), default);

        Assert.True(await Store.ClearAsync("st_a", "CHECKOUT", default));
        Assert.False(await Store.ClearAsync("st_a", "checkout", default));

        Assert.Equal("nav", Assert.Single(await Store.ListAsync("st_a", default)).Tag);
    }

    [Fact]
    public async Task EachStudyHasItsOwnSeverities()
    {
        await Store.SetAsync(new FindingSeverity("st_a", "checkout", 3, Monday, "Dana"), default);
        await Store.SetAsync(new FindingSeverity("st_b", "checkout", 0, Monday, "Sam"), default);

        Assert.Equal(3, Assert.Single(await Store.ListAsync("st_a", default)).Severity);
        Assert.Equal(0, Assert.Single(await Store.ListAsync("st_b", default)).Severity);
        Assert.Empty(await Store.ListAsync("st_c", default));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public async Task ASeverityOffNielsensScaleIsRefusedAndNothingIsStored(int severity)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SetAsync(new FindingSeverity("st_a", "checkout", severity, Monday, "Dana"), default));

        Assert.Empty(await Store.ListAsync("st_a", default));
    }
}
