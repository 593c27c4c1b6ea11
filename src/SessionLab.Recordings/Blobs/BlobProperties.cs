namespace SessionLab.Recordings;

/// <summary>What a store knows about a committed blob. <see cref="ETag"/> is quoted, as in HTTP headers.</summary>
public sealed record BlobProperties(BlobName Name, long Length, string ContentType, string ETag, DateTimeOffset LastModified);
