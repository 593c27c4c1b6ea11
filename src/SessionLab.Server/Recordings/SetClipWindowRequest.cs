namespace SessionLab.Server.Recordings;

/// <summary>How many seconds of the recording a note's clip shows before and after the note's moment.</summary>
public sealed record SetClipWindowRequest(double BeforeSeconds, double AfterSeconds);
