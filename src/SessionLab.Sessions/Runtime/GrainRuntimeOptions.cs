namespace SessionLab.Sessions.Runtime;

public sealed class GrainRuntimeOptions
{
    public const string SectionName = "Grains";

    /// <summary>A session with no connections and no calls for this long is deactivated; its next call reactivates it from the log.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);
}
