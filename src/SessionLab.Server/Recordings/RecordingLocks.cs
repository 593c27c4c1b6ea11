namespace SessionLab.Server.Recordings;

/// <summary>
/// One turn at a time per recording within this process: a chunk's size check and its staging, and a completion's
/// checks, commit and catalog update, each happen whole before the next call on that recording starts. A recording's
/// entry lives only while someone holds or waits for it, so the map stays as small as the uploads in flight.
/// </summary>
internal sealed class RecordingLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Recordings with a holder or a waiter right now.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits for the recording's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> AcquireAsync(string recordingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordingId);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(recordingId, out entry!))
            {
                entry = new Entry();
                _entries.Add(recordingId, entry);
            }
            entry.Users++;
        }
        try
        {
            await entry.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(recordingId, entry, held: false);
            throw;
        }
        return new Lease(this, recordingId, entry);
    }

    private void Leave(string recordingId, Entry entry, bool held)
    {
        lock (_entries)
        {
            if (held)
            {
                entry.Turn.Release();
            }
            if (--entry.Users == 0)
            {
                _entries.Remove(recordingId);
                entry.Turn.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>Holders and waiters; guarded by the map's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Lease(RecordingLocks owner, string recordingId, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(recordingId, entry, held: true);
            }
        }
    }
}
