using SessionLab.Sessions.Grains;

namespace SessionLab.Server.Hubs;

/// <summary>
/// The session one connection joined, shared by its hub calls and its disconnect. SignalR runs OnDisconnectedAsync as
/// soon as the socket closes, even while a Join on that connection is still running: whichever of the two finishes
/// second must detach the connection from the grain, or it stays in the session's presence for good.
/// </summary>
internal sealed class ConnectionMembership(SessionGrainOptions limits)
{
    private readonly Lock _gate = new();

    /// <summary>This connection's share of commands: a person typing notes never meets it; a script flooding does.</summary>
    public CommandBudget CommandBudget { get; } = new(limits.ConnectionCommandBurst, limits.ConnectionCommandsPerSecond);
    private SessionMembership? _current;
    private bool _closed;

    public SessionMembership? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Records a completed join; false when the connection closed meanwhile, so the caller detaches it itself.</summary>
    public bool TryJoin(SessionMembership membership)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }
            _current = membership;
            return true;
        }
    }

    /// <summary>Marks the connection closed and returns the session it must be detached from, if it joined one.</summary>
    public SessionMembership? Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _current;
        }
    }
}
