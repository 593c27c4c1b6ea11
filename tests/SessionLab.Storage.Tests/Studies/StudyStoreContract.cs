namespace SessionLab.Storage.Tests.Studies;

/// <summary>What every study store does, SQLite or PostgreSQL: an edit adds a version, keeps the earlier ones, and is refused on a stale version.</summary>
public abstract class StudyStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Made = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A study document as servers wrote it before studies could be edited: no version, no author of a change.</summary>
    protected const string LegacyDocument = """
        {"id":"st_old","name":"Checkout","goal":"G","tasks":[{"id":"t1","title":"Pay","instructions":"Pay for the basket","successCriteria":"Paid","timeLimitSeconds":null}],
         "tags":[{"name":"bug","color":"#b91c1c","hotkey":1}],"questionnaires":{"seqAfterEachTask":true,"susAtEnd":true},"createdAt":"2026-10-01T09:00:00+00:00"}
        """;

    /// <summary>The store as one node of a cluster sees it; <see cref="OpenOtherNode"/> is a second node on the same database.</summary>
    protected IStudyStore Store { get; set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>Another node's store over the same database, each behind its own cache as the server runs them.</summary>
    protected abstract IStudyStore OpenOtherNode();

    /// <summary>Creates the store on a database an earlier release made: its <c>studies</c> table holds <see cref="LegacyDocument"/> and there is no table of versions.</summary>
    protected abstract Task OpenOverEarlierReleaseAsync();

    protected static Study Study(string id, string taskTitle) =>
        new(id, "Checkout", "Learn why people abandon carts", [new StudyTask("t1", taskTitle, "Buy a lamp", "Order placed", 300)],
            [new TagDefinition("bug", "#b91c1c", 1)], new QuestionnaireSettings(), Made);

    [Fact]
    public async Task AnEditMakesANewVersionAndKeepsTheEarlierOne()
    {
        var first = Study("st_a", "Buy a lamp");
        await Store.SaveAsync(first, default);
        var second = first with { Tasks = [first.Tasks[0] with { Title = "Buy a desk lamp" }], Version = 2, ChangedAt = Made.AddDays(1), ChangedById = "m1", ChangedByName = "Ada" };

        Assert.True(await Store.SaveNextVersionAsync(second, default));

        var latest = await Store.GetAsync("st_a", default);
        Assert.Equal((2, "Buy a desk lamp", "m1", Made.AddDays(1)), (latest!.Version, latest.Tasks[0].Title, latest.ChangedById, latest.ChangedAt));
        Assert.Equal("Buy a lamp", (await Store.GetVersionAsync("st_a", 1, default))!.Tasks[0].Title);
        Assert.Equal("Buy a desk lamp", (await Store.GetVersionAsync("st_a", 2, default))!.Tasks[0].Title);
        Assert.Equal([(1, (string?)null), (2, "Ada")], (await Store.ListVersionsAsync("st_a", default)).Select(v => (v.Version, v.ChangedByName)));
        Assert.Single(await Store.ListAsync(default));
    }

    [Fact]
    public async Task AnEditOfAVersionThatIsNoLongerTheLatestIsRefusedAndChangesNothing()
    {
        var first = Study("st_b", "Buy a lamp");
        await Store.SaveAsync(first, default);
        var mine = first with { Goal = "Mine", Version = 2 };
        var theirs = first with { Goal = "Theirs", Version = 2 };

        Assert.True(await Store.SaveNextVersionAsync(theirs, default));
        Assert.False(await Store.SaveNextVersionAsync(mine, default));
        Assert.False(await Store.SaveNextVersionAsync(first with { Version = 5 }, default));
        Assert.False(await Store.SaveNextVersionAsync(Study("st_missing", "x") with { Version = 2 }, default));

        Assert.Equal("Theirs", (await Store.GetAsync("st_b", default))!.Goal);
        Assert.Equal("Theirs", (await Store.GetVersionAsync("st_b", 2, default))!.Goal);
        Assert.Equal(2, (await Store.ListVersionsAsync("st_b", default)).Count);
        Assert.Empty(await Store.ListVersionsAsync("st_missing", default));
    }

    [Fact]
    public async Task AnotherNodeReadsTheLatestVersionAsSoonAsItIsSaved()
    {
        var first = Study("st_c", "Buy a lamp");
        await Store.SaveAsync(first, default);
        var otherNode = OpenOtherNode();
        Assert.Equal(1, (await otherNode.GetAsync("st_c", default))!.Version);

        Assert.True(await Store.SaveNextVersionAsync(first with { Tags = [.. first.Tags, new TagDefinition("confusion", "#1d4ed8", 2)], Version = 2 }, default));

        var seen = await otherNode.GetAsync("st_c", default);
        Assert.Equal((2, 2), (seen!.Version, seen.Tags.Length));
        Assert.Single((await otherNode.GetVersionAsync("st_c", 1, default))!.Tags);
    }

    [Fact]
    public async Task AStudySavedByAnEarlierReleaseReadsAsVersionOneAndCanBeEdited()
    {
        await OpenOverEarlierReleaseAsync();

        var old = await Store.GetAsync("st_old", default);
        Assert.Equal((1, "Pay"), (old!.Version, old.Tasks[0].Title));
        Assert.Equal("Pay", (await Store.GetVersionAsync("st_old", 1, default))!.Tasks[0].Title);
        Assert.Equal([1], (await Store.ListVersionsAsync("st_old", default)).Select(v => v.Version));

        Assert.True(await Store.SaveNextVersionAsync(old with { Tasks = [old.Tasks[0] with { Title = "Pay by card" }], Version = 2 }, default));

        Assert.Equal("Pay", (await Store.GetVersionAsync("st_old", 1, default))!.Tasks[0].Title);
        Assert.Equal(["Pay", "Pay by card"], (await Store.ListVersionsAsync("st_old", default)).Select(v => v.Tasks[0].Title));
    }
}
