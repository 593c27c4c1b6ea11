namespace SessionLab.Recordings;

/// <summary>A clip cut out of its recording as an MP4 file of its own, stored beside the recording.</summary>
public sealed record ClipExport(Guid NoteId, string RecordingId, double StartSeconds, double EndSeconds, long Bytes, PlaybackLink Download);
