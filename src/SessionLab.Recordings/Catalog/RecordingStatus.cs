namespace SessionLab.Recordings;

public enum RecordingStatus
{
    /// <summary>Chunks are arriving; nothing can be played yet.</summary>
    Uploading,

    /// <summary>Every chunk is committed, in order, as one blob.</summary>
    Complete,
}
