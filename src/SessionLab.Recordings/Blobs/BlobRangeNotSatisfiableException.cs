namespace SessionLab.Recordings;

/// <summary>A range read started at or past the end of the blob (HTTP 416).</summary>
public sealed class BlobRangeNotSatisfiableException(BlobName name, ByteRange range)
    : BlobStoreException($"Range {range.ToHttpRange()} starts past the end of blob '{name}'.", 416, "InvalidRange")
{
    public BlobName Name { get; } = name;

    public ByteRange Range { get; } = range;
}
