namespace SessionLab.Recordings;

/// <summary>One block of a blob, staged or committed, and its size in bytes.</summary>
public sealed record BlockInfo(BlockId Id, long Size);
