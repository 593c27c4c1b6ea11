namespace SessionLab.Recordings.Tests;

/// <summary>Every await in these tests is bounded, so a hung emulator or disk fails one test fast instead of eating CI time.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
