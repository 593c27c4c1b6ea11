using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionLab.Reports;
using SessionLab.Server.Apis;
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
        services.AddSingleton<SessionRelay>();
        services.AddHostedService<RelayHeartbeatService>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.AddMissingCode);
        // Minimal APIs throw what they cannot bind, rather than answer a bare 400, so the handler can say what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestHandler>();
        services.AddExceptionHandler<StorageFailureHandler>();
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
        // JSON is the one protocol the hub speaks; its parser is wrapped so that a message of an unknown type closes
        // the connection instead of leaving the client's next calls unanswered.
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol>(sp => new StrictJsonHubProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>())));
        services.AddHostedService<SampleStudySeeder>();
        return services;
    }
}
