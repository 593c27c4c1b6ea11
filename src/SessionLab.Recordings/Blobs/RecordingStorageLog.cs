using Microsoft.Extensions.Logging;

namespace SessionLab.Recordings;

internal static partial class RecordingStorageLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Recordings are stored in {StoreKind} at {Location}")]
    public static partial void StoreSelected(ILogger logger, string storeKind, string location);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Created recordings container {Location}")]
    public static partial void ContainerCreated(ILogger logger, string location);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Committed blob {BlobName}: {BlockCount} blocks, {Length} bytes")]
    public static partial void BlobCommitted(ILogger logger, string blobName, int blockCount, long length);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Deleted blob {BlobName}")]
    public static partial void BlobDeleted(ILogger logger, string blobName);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Blob storage did not {Operation} {Resource}: {StatusCode} {ErrorCode}")]
    public static partial void RequestFailed(ILogger logger, string operation, string resource, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Skipped blob {BlobName} in listing: not a valid recording blob name")]
    public static partial void ForeignBlobSkipped(ILogger logger, string blobName);
}
