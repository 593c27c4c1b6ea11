namespace SessionLab.Recordings;

public enum RecordingKind
{
    /// <summary>Recorded in the moderator's browser and uploaded chunk by chunk while the session runs.</summary>
    LiveCapture,

    /// <summary>A finished file (a video call's MP4, say) uploaded afterwards, aligned to the session clock by hand.</summary>
    UploadedFile,
}
