using System.Threading.RateLimiting;

namespace SessionLab.Sessions.Grains;

/// <summary>How a session refuses a command that came too fast, for the grain's budget and each connection's alike.</summary>
public static class SessionGrainLimits
{
    /// <summary>A refusal that says when the budget has room again.</summary>
    public static SessionError RateLimited(RateLimitLease lease, string why)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        return new(SessionErrorCode.RateLimited, $"{why}; wait a moment and send it again.", (int)Math.Ceiling(Math.Max(wait.TotalMilliseconds, 100)));
    }
}
