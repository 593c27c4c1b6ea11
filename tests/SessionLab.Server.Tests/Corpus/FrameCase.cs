namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// Bad bytes on the hub's WebSocket, below what any SignalR client sends: a handshake, then frames (each ends with the
/// record separator unless it says otherwise). <see cref="Outcome"/> is what the server must do: <c>handshakeRefused</c>,
/// <c>closed</c> (the connection is closed with an error), <c>completion:&lt;code&gt;</c> (the frame's invocation,
/// id <c>"case"</c>, is answered: a typed code, or <c>binding</c>, <c>argumentCount</c>, <c>unknownMethod</c>,
/// <c>invocationError</c>), or <c>ignored</c> (nothing is answered, and the connection still answers the next call).
/// </summary>
public sealed record FrameCase(string Name, string Handshake, string[] Frames, string Outcome)
{
    /// <summary>A frame sent as a binary WebSocket message, or with bytes no text could hold.</summary>
    public byte[]? RawFrame { get; init; }

    public override string ToString() => Name;
}
