using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using SessionLab.Server.Apis;

namespace SessionLab.Server.Hubs;

/// <summary>
/// SignalR's JSON hub protocol, with the two things it does quietly made explicit. A request it cannot bind (wrong
/// types, an enum in another spelling, a second argument) reaches the hub method as an <see cref="UnreadableHubRequest"/>
/// saying which field was wrong, and is answered with the method's typed invalidRequest result instead of SignalR's
/// untyped "Error binding arguments". A message the protocol does not know (an unknown message type, or a fire-and-forget
/// invocation of a method the hub does not have, which nothing would answer) closes the connection with an error,
/// rather than being dropped while the connection stays open and silent.
/// </summary>
internal sealed class SessionHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol _json = new(options);
    private readonly JsonSerializerOptions _payload = options.Value.PayloadSerializerOptions;

    public string Name => _json.Name;

    public int Version => _json.Version;

    public TransferFormat TransferFormat => _json.TransferFormat;

    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _json.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _json.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var before = input.Length;
        if (!_json.TryParseMessage(ref input, binder, out message))
        {
            // The JSON protocol consumes a whole message it does not know and reports nothing parsed.
            return input.Length != before
                ? throw new InvalidDataException("The message has a type this server does not know; see docs/protocol.md for the messages it takes.")
                : false;
        }
        if (message is InvocationBindingFailureMessage failure)
        {
            message = Rebind(failure, binder);
        }
        return true;
    }

    private HubMessage Rebind(InvocationBindingFailureMessage failure, IInvocationBinder binder)
    {
        IReadOnlyList<Type> parameters;
        try
        {
            parameters = binder.GetParameterTypes(failure.Target);
        }
        catch (HubException)
        {
            // With an invocation id SignalR answers that the method does not exist; without one nothing would.
            return failure.InvocationId is null
                ? throw new InvalidDataException($"This hub has no method '{failure.Target}'.")
                : failure;
        }
        var arguments = new object?[parameters.Count];
        var unreadable = new UnreadableHubRequest(Describe(failure, parameters));
        if (arguments.Length == 0)
        {
            return failure;
        }
        arguments[0] = unreadable;
        return new InvocationMessage(failure.InvocationId, failure.Target, arguments);
    }

    /// <summary>"AddNote's request: 'commandId' must be a UUID." — which field, and what it should have been.</summary>
    private string Describe(InvocationBindingFailureMessage failure, IReadOnlyList<Type> parameters)
    {
        var source = failure.BindingFailure.SourceException;
        if (source.InnerException is not JsonException json)
        {
            // The JSON protocol's own words: "Invocation provides 2 argument(s) but target expects 1."
            return $"{failure.Target} takes exactly one request object: {source.Message}";
        }
        var field = ExpectedValues.FieldName(json.Path);
        var type = parameters.Count == 1 ? ExpectedValues.TypeAt(parameters[0], json.Path, _payload) : null;
        var at = field is null ? $"{failure.Target}'s request" : $"{failure.Target}'s '{field}'";
        return type is not null && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"{at} must be {ExpectedValues.Describe(type, _payload, inJson: true)}."
            : $"{at} could not be read: {WithoutPosition(json.Message)}.";
    }

    private static string WithoutPosition(string message)
    {
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal) is >= 0 and var path ? path : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (tail >= 0 ? message[..tail] : message).TrimEnd().TrimEnd('.');
    }
}
