namespace SessionLab.Reports;

/// <summary>How many notes of one participant carry the finding's tag.</summary>
public sealed record FindingCell(string SessionId, int NoteCount);
