using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionLab.Sessions.Grains;
using SessionLab.Sessions.Storage;

namespace SessionLab.Sessions.Runtime;

/// <summary>
/// Hosts session grains in this process the way an Orleans silo would: at most one activation per session id,
/// created on first call and loaded from the log, one call at a time (turn-based), deactivated when idle.
/// A call that fails unexpectedly deactivates the grain, so the next call starts again from what the log holds.
/// </summary>
public sealed partial class SessionGrainRuntime(
    ISessionEventStore store,
    IStudyStore studies,
    ISessionNotifier notifier,
    TimeProvider time,
    IOptions<GrainRuntimeOptions> options,
    ILoggerFactory loggerFactory) : ISessionGrainFactory
{
    private readonly ConcurrentDictionary<string, SessionActivation> _activations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Actor>> _connectionsOfFailedActivations = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<SessionGrainRuntime>();

    public int ActivationCount => _activations.Count;

    public ISessionGrain GetSessionGrain(string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return new SessionGrainReference(this, sessionId);
    }

    internal async Task<T> InvokeAsync<T>(string sessionId, Func<SessionGrain, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(sessionId, Activate);
            await activation.Turn.WaitAsync(cancellationToken);
            try
            {
                if (activation.IsDeactivated)
                {
                    continue;
                }
                if (!activation.IsActivated)
                {
                    await activation.Grain.OnActivateAsync(cancellationToken);
                    if (_connectionsOfFailedActivations.TryRemove(sessionId, out var connections))
                    {
                        activation.Grain.AdoptConnections(connections);
                    }
                    activation.IsActivated = true;
                }
                activation.Touch();
                return await call(activation.Grain, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Log.CallFailed(_logger, sessionId, error);
                if (activation.Grain.HasConnections)
                {
                    _connectionsOfFailedActivations[sessionId] = activation.Grain.AttachedConnections;
                }
                Deactivate(sessionId, activation);
                throw;
            }
            finally
            {
                activation.Turn.Release();
            }
        }
    }

    /// <summary>Deactivates grains idle longer than the timeout with nobody connected. Returns how many.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var (sessionId, activation) in _activations)
        {
            if (activation.IdleFor() < options.Value.IdleTimeout || !activation.Turn.Wait(0))
            {
                continue;
            }
            try
            {
                if (!activation.Grain.HasConnections && !activation.IsDeactivated)
                {
                    Deactivate(sessionId, activation);
                    collected++;
                }
            }
            finally
            {
                activation.Turn.Release();
            }
        }
        if (collected > 0)
        {
            Log.Collected(_logger, collected);
        }
        return collected;
    }

    private SessionActivation Activate(string sessionId) => new(
        new SessionGrain(sessionId, store, studies, notifier, time, loggerFactory.CreateLogger<SessionGrain>()),
        time);

    /// <remarks>Called while holding the activation's turn, so no call is running on it.</remarks>
    private void Deactivate(string sessionId, SessionActivation activation)
    {
        activation.IsDeactivated = true;
        _activations.TryRemove(new KeyValuePair<string, SessionActivation>(sessionId, activation));
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Error, "A call to session {SessionId} failed; the grain is deactivated and will reload from its log.")]
        public static partial void CallFailed(ILogger logger, string sessionId, Exception error);

        [LoggerMessage(3002, LogLevel.Debug, "Deactivated {Count} idle session grains.")]
        public static partial void Collected(ILogger logger, int count);
    }
}
