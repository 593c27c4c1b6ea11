namespace SessionLab.Recordings;

public enum PlaybackUrlVerdict
{
    Valid,

    /// <summary>Signed by us, but its time is up: the player should ask for a fresh URL.</summary>
    Expired,

    /// <summary>Malformed, tampered with, or signed with another key.</summary>
    Invalid,
}
