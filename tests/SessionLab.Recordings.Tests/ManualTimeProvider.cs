namespace SessionLab.Recordings.Tests;

/// <summary>A clock the test moves by hand, so expiry is tested without sleeping.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
