using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace SessionLab.Server.Hubs;

/// <summary>
/// SignalR's JSON protocol, closing a connection that sends a message of a type it does not know. SignalR's own skips
/// such a message by answering "no message", which ends the parsing of that read: whatever the client sent with it,
/// its next call included, then waits unanswered until more bytes arrive, so a client is left silent and open.
/// Refusing it as malformed closes the connection with an error, as any other unreadable frame does.
/// </summary>
internal sealed class StrictJsonHubProtocol(JsonHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var before = input.Length;
        if (inner.TryParseMessage(ref input, binder, out message))
        {
            return true;
        }
        // A whole record was read (the input moved on) and was not a message: a type this protocol does not have.
        return input.Length == before ? false : throw new InvalidDataException("The message's type is not one of the SignalR JSON protocol's.");
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}
