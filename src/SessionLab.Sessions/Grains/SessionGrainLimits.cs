namespace SessionLab.Sessions.Grains;

/// <summary>How a session refuses a command that came too fast, for the grain's budget and each connection's alike.</summary>
public static class SessionGrainLimits
{
    /// <summary>A refusal that says when the budget has room again.</summary>
    public static SessionError RateLimited(TimeSpan retryAfter, string why) =>
        new(SessionErrorCode.RateLimited, $"{why}; wait a moment and send it again.", (int)Math.Ceiling(Math.Max(retryAfter.TotalMilliseconds, 1)));
}
