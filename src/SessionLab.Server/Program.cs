using SessionLab.Accounts;
using SessionLab.Server;
using SessionLab.Server.Apis;
using SessionLab.Server.Cluster;
using SessionLab.Server.Cli;
using SessionLab.Server.Hubs;
using SessionLab.Server.Lifecycle;
using SessionLab.Recordings;
using SessionLab.Server.Reports;
using SessionLab.Server.Sharing;
using SessionLab.Server.Workspaces;

if (SessionLabCommandLine.IsCommand(args))
{
    return await SessionLabCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The browser app is built into the output folder with the server, so run and publish serve the same files.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
if (builder.UseSessionLabCluster() is { } problem)
{
    Console.Error.WriteLine($"SessionLab cannot start: {problem}");
    return 2;
}
// Accounts first: their start-up creates the tables and the first workspace the sample study is placed in.
builder.Services.AddSessionLabAccounts(builder.Configuration);
builder.Services.AddSessionLabServer();
builder.Services.AddSessionLabRecordings(builder.Configuration);

var app = builder.Build();
SessionLab.Server.Invitations.TrustedProxyRequest.UseTrustedProxies(app, app.Configuration);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapAccountsApi();
app.MapWorkspaceStorageApi();

app.MapStudiesApi();
app.MapSessionsApi();
app.MapAccessApi();
app.MapRecordingsApi();
app.MapReportsApi();
app.MapShareLinksApi();
app.MapLifecycleApi();
app.MapSessionHub();
app.MapGet("/healthz", () => TypedResults.Ok("ok"));
// Unknown API paths are API errors, not pages: only app routes fall back to the browser app.
app.MapApiFallback();
app.MapFallbackToFile("index.html");

app.Run();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
