namespace SessionLab.Recordings;

/// <summary>A signed URL that plays one blob until <see cref="ExpiresAt"/>; ask again for a fresh one after that.</summary>
public sealed record PlaybackLink(string Url, DateTimeOffset ExpiresAt, string ContentType);
