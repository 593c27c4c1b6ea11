using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SessionLab.Bench.BareHub;

/// <summary>A counter per session, so relayed notes carry sequence numbers like the real server's events.</summary>
public sealed class RelaySequences
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);

    public long Next(string sessionId) => Interlocked.Increment(ref _counters.GetOrAdd(sessionId, _ => new StrongBox<long>()).Value);

    public long Current(string sessionId) => _counters.TryGetValue(sessionId, out var counter) ? Interlocked.Read(ref counter.Value) : 0;
}
