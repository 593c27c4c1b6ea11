namespace SessionLab.Server.Lifecycle;

/// <summary>Whether the study is archived (hidden from the workspace's default list, taking no new sessions), and since when.</summary>
public sealed record StudyArchiveState(string StudyId, DateTimeOffset? ArchivedAt);
