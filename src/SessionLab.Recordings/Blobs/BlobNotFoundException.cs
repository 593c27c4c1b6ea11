namespace SessionLab.Recordings;

/// <summary>The blob has no committed content: it was never committed, or it was deleted.</summary>
public sealed class BlobNotFoundException(BlobName name)
    : BlobStoreException($"Blob '{name}' does not exist.", 404, "BlobNotFound")
{
    public BlobName Name { get; } = name;
}
