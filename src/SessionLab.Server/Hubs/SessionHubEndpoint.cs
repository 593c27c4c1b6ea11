using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace SessionLab.Server.Hubs;

/// <summary>
/// Maps the session hub as <c>MapHub</c> does (its <c>[Authorize]</c> policy included), with one addition: a connection that sends nothing at all for
/// <see cref="HubOptions.ClientTimeoutInterval"/> is closed. SignalR arms its own client timeout only once a client has
/// sent its first ping, so a connection that completes the handshake and then stays silent was never closed (an
/// outside probe held 3,000 of them open); every SignalR client pings while idle, so only those are affected.
/// </summary>
public static class SessionHubEndpoint
{
    public static ConnectionEndpointRouteBuilder MapSessionHub(this IEndpointRouteBuilder app)
    {
        // The hub's connections run on the global options (nothing configures HubOptions<SessionHub>).
        var timeout = app.ServiceProvider.GetRequiredService<IOptions<HubOptions>>().Value.ClientTimeoutInterval
            ?? ServerServiceCollectionExtensions.DefaultClientTimeout;
        var time = app.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        var endpoint = app.MapConnections(SessionHub.Path, builder => builder
            .Use(next => connection => CloseWhenSilentAsync(connection, next, timeout, time))
            .UseHub<SessionHub>());
        // As MapHub does: the hub's attributes ([Authorize] with its policy) become the endpoints' metadata, negotiate included.
        var attributes = typeof(SessionHub).GetCustomAttributes(inherit: true);
        endpoint.Add(e =>
        {
            foreach (var attribute in attributes)
            {
                e.Metadata.Add(attribute);
            }
            e.Metadata.Add(new HubMetadata(typeof(SessionHub)));
        });
        return endpoint;
    }

    private static async Task CloseWhenSilentAsync(ConnectionContext connection, ConnectionDelegate next, TimeSpan timeout, TimeProvider time)
    {
        var transport = connection.Transport;
        var input = new ReceiveTrackingPipeReader(transport.Input, time);
        connection.Transport = new TrackedPipe(input, transport.Output);
        // The connection's heartbeat ticks about once a second, the same clock SignalR's own timeouts run on.
        connection.Features.Get<IConnectionHeartbeatFeature>()?.OnHeartbeat(_ =>
        {
            if (input.SinceLastReceived >= timeout)
            {
                connection.Abort(new ConnectionAbortedException($"The client sent nothing for {timeout.TotalSeconds:0} s (Hub:ClientTimeoutInterval)."));
            }
        }, connection);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    }

    private sealed class TrackedPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
