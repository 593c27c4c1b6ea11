using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>Every malformed frame of <see cref="FrameCorpus"/> is refused as it must be, changes nothing, and holds up nobody else.</summary>
[Collection(CorpusCollection.Name)]
public sealed class FrameCorpusTests(CorpusWorld world)
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, FrameCase> Cases = FrameCorpus.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(FrameCorpus.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task MalformedFrameIsRefusedAndChangesNothing(string name)
    {
        var c = Cases[name];
        var before = await world.SnapshotBeforeAsync();

        using var timeout = new CancellationTokenSource(Patience);
        var server = world.Server.Server;
        using var socket = await server.CreateWebSocketClient().ConnectAsync(HubUrl.For(server.BaseAddress, world["inv:obs:live"]), timeout.Token);
        var reader = new RecordReader(socket);
        var outcome = await RunAsync(c, socket, reader, timeout.Token);

        Assert.True(c.Outcome == outcome, $"{c.Name}: expected {c.Outcome}, got {outcome}");
        Assert.Equal(before, await world.SnapshotAfterAsync());
        await world.AssertOthersAreStillServedAsync();
    }

    private async Task<string> RunAsync(FrameCase c, WebSocket socket, RecordReader reader, CancellationToken cancellationToken)
    {
        await SendAsync(socket, Encoding.UTF8.GetBytes(c.Handshake + RecordSeparator), cancellationToken);
        var handshake = await reader.ReadAsync(cancellationToken);
        if (handshake is null || JsonDocument.Parse(handshake).RootElement.TryGetProperty("error", out _))
        {
            return "handshakeRefused";
        }
        foreach (var frame in c.Frames)
        {
            await SendAsync(socket, Encoding.UTF8.GetBytes(world.Resolve(frame) + RecordSeparator), cancellationToken);
        }
        if (c.RawFrame is { } raw)
        {
            await SendAsync(socket, raw, cancellationToken);
        }
        // A call that is always answered: if it is answered before anything about the case, the case was ignored.
        await SendAsync(socket, Encoding.UTF8.GetBytes("""{"type":1,"invocationId":"probe","target":"Join","arguments":[null]}""" + RecordSeparator), cancellationToken);
        while (await reader.ReadAsync(cancellationToken) is { } record)
        {
            using var message = JsonDocument.Parse(record);
            var root = message.RootElement;
            var type = root.GetProperty("type").GetInt32();
            if (type == 7)
            {
                return "closed";
            }
            if (type == 3 && root.GetProperty("invocationId").GetString() is { } id)
            {
                if (id == "probe")
                {
                    return "ignored";
                }
                return "completion:" + (root.TryGetProperty("error", out var error)
                    ? new HubOutcome(default, error.GetString()).Code
                    : new HubOutcome(root.GetProperty("result").Clone(), null).Code);
            }
        }
        return "closed";
    }

    private static Task SendAsync(WebSocket socket, byte[] bytes, CancellationToken cancellationToken) =>
        socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads SignalR records (JSON texts ended by the record separator) from a socket; null once it closes.</summary>
    private sealed class RecordReader(WebSocket socket)
    {
        private readonly StringBuilder _pending = new();
        private readonly byte[] _buffer = new byte[16 * 1024];

        public async Task<string?> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var text = _pending.ToString();
                var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
                if (end >= 0)
                {
                    _pending.Remove(0, end + 1);
                    return text[..end];
                }
                if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
                {
                    return null;
                }
                WebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(_buffer, cancellationToken);
                }
                catch (Exception error) when (error is WebSocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    return null;
                }
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                _pending.Append(Encoding.UTF8.GetString(_buffer, 0, received.Count));
            }
        }
    }
}
