namespace SessionLab.Recordings;

/// <summary>A store refused or failed an operation. <see cref="ErrorCode"/> is Azure's error code where there is one.</summary>
public class BlobStoreException : Exception
{
    public BlobStoreException(string message, int? statusCode = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public int? StatusCode { get; }

    public string? ErrorCode { get; }
}
