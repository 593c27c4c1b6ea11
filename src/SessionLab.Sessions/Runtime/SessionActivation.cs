using SessionLab.Sessions.Grains;

namespace SessionLab.Sessions.Runtime;

/// <summary>One activation of a session grain and the turn lock that makes its calls run one at a time.</summary>
internal sealed class SessionActivation(SessionGrain grain, TimeProvider time) : IDisposable
{
    private long _lastUsedTimestamp = time.GetTimestamp();

    public SessionGrain Grain { get; } = grain;

    public SemaphoreSlim Turn { get; } = new(1, 1);

    public bool IsActivated { get; set; }

    public bool IsDeactivated { get; set; }

    public void Touch() => Volatile.Write(ref _lastUsedTimestamp, time.GetTimestamp());

    public TimeSpan IdleFor() => time.GetElapsedTime(Volatile.Read(ref _lastUsedTimestamp));

    public void Dispose() => Turn.Dispose();
}
