using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionLab.Recordings;
using SessionLab.Reports;
using SessionLab.Server.Apis;
using SessionLab.Server.Cluster;
using SessionLab.Server.Hubs;
using SessionLab.Server.Invitations;
using SessionLab.Server.Seeding;
using SessionLab.Server.Workspaces;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server;

public static class ServerServiceCollectionExtensions
{
    /// <summary>Largest hub message accepted. Notes are at most 2,000 characters; anything near this is not a note.</summary>
    public const long MaxHubMessageBytes = 64 * 1024;

    /// <summary>How long a connection may send nothing before it is closed: twice the clients' 15 s ping interval.</summary>
    public static readonly TimeSpan DefaultClientTimeout = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddSessionLabServer(this IServiceCollection services)
    {
        services.AddSessionGrains();
        services.AddStudyReports();
        services.AddServerPolicies();
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName)
            .Validate(o => o.InviteLifetime > TimeSpan.Zero && o.InviteLifetime <= o.MaxInviteLifetime, "Tokens:InviteLifetime must be positive and at most MaxInviteLifetime.")
            .ValidateOnStart();
        services.AddSingleton<TokenService>();
        services.AddSingleton<ApiAccess>();
        // The recordings feature asks the server who may touch a session and where links point.
        services.AddSingleton<IRecordingAccess>(sp => sp.GetRequiredService<ApiAccess>());
        // Recordings count against their workspace's storage quota, and uploads and exports go to its audit log.
        services.AddSingleton<WorkspaceStorage>();
        services.AddSingleton<IStorageQuota>(sp => sp.GetRequiredService<WorkspaceStorage>());
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Lifecycle.DataRemoval>();
        services.AddSingleton<IActivityLog>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<IAppAddress, AppAddress>();
        services.AddSingleton<SessionRelay>();
        services.AddHostedService<RelayHeartbeatService>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.AddMissingCode);
        // Minimal APIs throw what they cannot bind, rather than answer a bare 400, so the handler can say what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestHandler>();
        services.AddExceptionHandler<StorageFailureHandler>();
        services.AddExceptionHandler<ClusterFailureHandler>();
        services.AddSingleton<ApiRouteTable>();
        services.ConfigureHttpJsonOptions(o => SessionJson.Configure(o.SerializerOptions));
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxHubMessageBytes;
                o.MaximumParallelInvocationsPerClient = 1;
                // Hub methods catch their own failures and answer with typed errors, and requests that cannot be read
                // are answered invalidRequest (UnreadableRequestFilter); what remains is why a connection was closed.
                o.EnableDetailedErrors = true;
                // A connection that sends nothing, not even the pings every SignalR client sends while idle, is closed
                // after ClientTimeoutInterval; one that never completes the handshake after HandshakeTimeout. The
                // server pings every KeepAliveInterval, well inside the clients' own 30 s server timeout.
                o.ClientTimeoutInterval = DefaultClientTimeout;
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
                o.HandshakeTimeout = TimeSpan.FromSeconds(15);
                o.AddFilter<UnreadableRequestFilter>();
            })
            .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions));
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol, SessionHubProtocol>();
        // Hub:ClientTimeoutInterval, Hub:KeepAliveInterval and Hub:HandshakeTimeout ("00:00:30") override the above.
        services.AddOptions<HubOptions>().BindConfiguration("Hub")
            .Validate(o => o.KeepAliveInterval < o.ClientTimeoutInterval, "Hub:KeepAliveInterval must be shorter than Hub:ClientTimeoutInterval, or idle clients that ping are dropped.")
            .ValidateOnStart();
        services.AddHostedService<SampleStudySeeder>();
        return services;
    }
}
