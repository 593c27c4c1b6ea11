namespace SessionLab.Sessions.Tests.Support;

/// <summary>A clock the test moves by hand, so session-clock offsets are exact.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
