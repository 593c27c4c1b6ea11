using SessionLab.Sessions.Grains;

namespace SessionLab.Sessions.Tests.Grains;

public sealed class CommandBudgetTests
{
    [Fact]
    public void ABurstIsTakenAndTheNextCommandIsToldHowLongToWait()
    {
        // One command per thousand seconds: nothing refills while the test runs.
        var budget = new CommandBudget(burst: 3, perSecond: 0.001);

        var taken = Enumerable.Range(0, 3).Select(_ => budget.TryTake(out TimeSpan _)).ToList();
        var refused = !budget.TryTake(out var retryAfter);

        Assert.All(taken, Assert.True);
        Assert.True(refused);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(900), TimeSpan.FromSeconds(1_000));
    }

    [Fact]
    public async Task ABudgetRefillsWithTime()
    {
        var budget = new CommandBudget(burst: 1, perSecond: 50);
        Assert.True(budget.TryTake(out _));
        Assert.False(budget.TryTake(out var retryAfter));

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(20));

        Assert.True(budget.TryTake(out _));
    }
}
