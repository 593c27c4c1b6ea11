using SessionLab.Recordings;
using SessionLab.Reports;
using SessionLab.Server.Apis;
using SessionLab.Server.Cluster;
using SessionLab.Server.Hubs;
using SessionLab.Server.Invitations;
using SessionLab.Server.Seeding;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server;

public static class ServerServiceCollectionExtensions
{
    /// <summary>Largest hub message accepted. Notes are at most 2,000 characters; anything near this is not a note.</summary>
    public const long MaxHubMessageBytes = 64 * 1024;

    public static IServiceCollection AddSessionLabServer(this IServiceCollection services)
    {
        services.AddSessionGrains();
        services.AddStudyReports();
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName)
            .Validate(o => o.InviteLifetime > TimeSpan.Zero && o.InviteLifetime <= o.MaxInviteLifetime, "Tokens:InviteLifetime must be positive and at most MaxInviteLifetime.")
            .ValidateOnStart();
        services.AddSingleton<TokenService>();
        services.AddSingleton<ApiAccess>();
        // The recordings feature asks the server who may touch a session and where links point.
        services.AddSingleton<IRecordingAccess>(sp => sp.GetRequiredService<ApiAccess>());
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
                // Hub methods catch their own failures and answer with typed errors; what remains visible is
                // argument binding (a malformed request), whose detail helps a client author.
                o.EnableDetailedErrors = true;
            })
            .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions));
        services.AddHostedService<SampleStudySeeder>();
        return services;
    }
}
