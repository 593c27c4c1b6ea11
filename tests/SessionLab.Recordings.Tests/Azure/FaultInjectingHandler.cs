using System.Net;

namespace SessionLab.Recordings.Tests;

/// <summary>
/// Stands between the Blob SDK and Azurite and answers 503 ServerBusy to the first <c>failures</c> requests that
/// match, either instead of sending them on or, when <c>loseAnswer</c> is set, after Azurite has done the work (as
/// when a gateway drops the answer). Everything else passes through untouched.
/// </summary>
internal sealed class FaultInjectingHandler(Func<HttpRequestMessage, bool> matches, int failures, bool loseAnswer = false)
    : DelegatingHandler(new SocketsHttpHandler())
{
    public const int Always = int.MaxValue;

    private int _remaining = failures;
    private int _attempts;

    /// <summary>How many matching requests the SDK sent, retries included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static bool IsStageBlock(HttpRequestMessage request) => request.Method == HttpMethod.Put && HasComp(request, "block");

    public static bool IsCommit(HttpRequestMessage request) => request.Method == HttpMethod.Put && HasComp(request, "blocklist");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!matches(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _attempts);
        if (Interlocked.Decrement(ref _remaining) < 0)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (loseAnswer)
        {
            using var lost = await base.SendAsync(request, cancellationToken);
        }

        var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new ByteArrayContent([]) };
        busy.Headers.Add("x-ms-error-code", "ServerBusy");
        return busy;
    }

    private static bool HasComp(HttpRequestMessage request, string comp) =>
        request.RequestUri?.Query.TrimStart('?').Split('&').Contains($"comp={comp}", StringComparer.Ordinal) == true;
}
