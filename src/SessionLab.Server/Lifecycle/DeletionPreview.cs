namespace SessionLab.Server.Lifecycle;

/// <summary>
/// What a delete would remove, counted before anything is removed, so the team can confirm exactly that. The delete
/// itself answers the same counts for what it removed. <see cref="Refusal"/> says why it would be refused (a live
/// session), or is null.
/// </summary>
public sealed record DeletionPreview(
    string Kind,
    string Name,
    int Sessions,
    int Notes,
    int Recordings,
    long RecordingBytes,
    int Clips,
    int ShareLinks,
    string? Refusal);
