using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// A hub connection through the official .NET SignalR client to the in-memory server, by WebSocket as the browser
/// connects. Requests go out as raw JSON, so a case can send what no typed client would: wrong types, missing fields.
/// </summary>
internal sealed class CorpusHubConnection : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HubConnection _connection;

    private CorpusHubConnection(HubConnection connection) => _connection = connection;

    public string? IdentityToken { get; private set; }

    /// <summary>Opens a connection with a session invite link, as a browser opening that link does; it has not joined yet.</summary>
    public static async Task<CorpusHubConnection> ConnectAsync(SessionLabFactory server, string inviteToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUrl.For(server.Server.BaseAddress, inviteToken), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                    await server.Server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken);
            })
            .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync().WaitAsync(Patience);
        return new CorpusHubConnection(connection);
    }

    public static async Task<CorpusHubConnection> JoinAsync(SessionLabFactory server, string inviteToken, string name)
    {
        var connection = await ConnectAsync(server, inviteToken);
        var joined = await connection.InvokeAsync("Join", JsonSerializer.SerializeToElement(new JoinSessionRequest(name, null, 0), SessionJson.Options));
        if (joined.Result.ValueKind != JsonValueKind.Object || !joined.Result.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException($"{name} could not join: {joined}");
        }
        connection.IdentityToken = joined.Result.GetProperty("value").GetProperty("identityToken").GetString();
        return connection;
    }

    public bool IsConnected => _connection.State == HubConnectionState.Connected;

    /// <summary>Calls a hub method with one request object; a call SignalR itself refuses answers its invocation error.</summary>
    public Task<HubOutcome> InvokeAsync(string method, JsonElement request) => InvokeWithArgumentsAsync(method, [request]);

    public async Task<HubOutcome> InvokeWithArgumentsAsync(string method, object?[] arguments)
    {
        try
        {
            return new HubOutcome(await _connection.InvokeCoreAsync<JsonElement>(method, arguments).WaitAsync(Patience), null);
        }
        catch (HubException error)
        {
            return new HubOutcome(default, error.Message);
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
