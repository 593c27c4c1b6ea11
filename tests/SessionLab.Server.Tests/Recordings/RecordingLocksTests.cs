using SessionLab.Server.Recordings;

namespace SessionLab.Server.Tests.Recordings;

public sealed class RecordingLocksTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ASecondCallOnTheSameRecordingWaitsForTheFirstAndAnotherRecordingDoesNot()
    {
        var locks = new RecordingLocks();

        var first = await locks.AcquireAsync("rec_a", CancellationToken.None).WaitAsync(Step);
        var second = locks.AcquireAsync("rec_a", CancellationToken.None);
        var other = await locks.AcquireAsync("rec_b", CancellationToken.None).WaitAsync(Step);
        var waitedWhileHeld = !second.IsCompleted;
        first.Dispose();
        (await second.WaitAsync(Step)).Dispose();
        other.Dispose();

        Assert.True(waitedWhileHeld);
    }

    [Fact]
    public async Task ARecordingIsForgottenOnceNoOneHoldsOrWaitsForItEvenAfterACancelledWait()
    {
        var locks = new RecordingLocks();
        using var cancel = new CancellationTokenSource();

        var held = await locks.AcquireAsync("rec_a", CancellationToken.None).WaitAsync(Step);
        var cancelled = locks.AcquireAsync("rec_a", cancel.Token);
        var waiting = locks.AcquireAsync("rec_a", CancellationToken.None);
        var whileBusy = locks.Count;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Step));
        held.Dispose();
        held.Dispose();
        (await waiting.WaitAsync(Step)).Dispose();

        Assert.Equal(1, whileBusy);
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task ManyParallelTurnsOnOneRecordingNeverOverlap()
    {
        var locks = new RecordingLocks();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            using (await locks.AcquireAsync("rec_a", CancellationToken.None))
            {
                if (Interlocked.Increment(ref inside) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
        }))).WaitAsync(Step);

        Assert.Equal(0, overlaps);
        Assert.Equal(0, locks.Count);
    }
}
