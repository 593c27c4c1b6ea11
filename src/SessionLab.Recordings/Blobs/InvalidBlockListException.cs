namespace SessionLab.Recordings;

/// <summary>A commit named a block that was neither staged nor already committed in the blob.</summary>
public sealed class InvalidBlockListException(BlobName name, string detail)
    : BlobStoreException($"The block list for blob '{name}' is invalid: {detail}", 400, "InvalidBlockList")
{
    public BlobName Name { get; } = name;
}
