using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionLab.Bench.BareHub;
using SessionLab.Sessions;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<RelaySequences>();
// The real server's hub settings, so the two differ only in what happens between receiving a note and relaying it.
builder.Services.AddSignalR(o =>
    {
        o.MaximumReceiveMessageSize = 64 * 1024;
        o.MaximumParallelInvocationsPerClient = 1;
    })
    .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions));

var app = builder.Build();
app.MapHub<RelayHub>(RelayHub.Path);
app.MapGet("/healthz", () => TypedResults.Ok("ok"));
app.Lifetime.ApplicationStarted.Register(() =>
{
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
    // The benchmark script waits for this line, as the wire tests wait for SessionLab's own.
    Console.WriteLine($"BareHub is listening on {address}");
});
app.Run();
