using System.Net;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>A request body that announces all its bytes, sends some, then loses the connection.</summary>
public sealed class InterruptedContent(byte[] bytes, int sentBeforeDrop) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(bytes.AsMemory(0, sentBeforeDrop));
        await stream.FlushAsync();
        throw new IOException("The network dropped mid-chunk.");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
