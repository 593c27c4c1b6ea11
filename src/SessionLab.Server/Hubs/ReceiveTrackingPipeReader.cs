using System.IO.Pipelines;

namespace SessionLab.Server.Hubs;

/// <summary>A connection's input that remembers when the client last sent anything (a message, a ping, part of either).</summary>
internal sealed class ReceiveTrackingPipeReader(PipeReader inner, TimeProvider time) : PipeReader
{
    private long _lastReceived = time.GetTimestamp();

    public TimeSpan SinceLastReceived => time.GetElapsedTime(Volatile.Read(ref _lastReceived));

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken);
        Touch(result);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }
        Touch(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    // The hub examines everything it was given before reading again, so a read that completes brought new bytes.
    private void Touch(ReadResult result)
    {
        if (!result.IsCanceled && !result.Buffer.IsEmpty)
        {
            Volatile.Write(ref _lastReceived, time.GetTimestamp());
        }
    }
}
