using Microsoft.Extensions.DependencyInjection;
using SessionLab.Storage;

namespace SessionLab.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>
    /// The service key of the clock session grains record event times with. It is the host's <see cref="TimeProvider"/>
    /// unless set apart: tests move it by hand while Orleans keeps its own time.
    /// </summary>
    public const string SessionClockKey = "sessionlab.session-clock";

    /// <summary>What session grains need in a silo's services: the stores and the session clock.</summary>
    public static IServiceCollection AddSessionGrains(this IServiceCollection services)
    {
        services.AddSessionStorage();
        services.AddOptions<Grains.SessionGrainOptions>().BindConfiguration(Grains.SessionGrainOptions.SectionName)
            .Validate(o => o.CommandsPerSecond > 0 && o.CommandBurst > 0 && o.ConnectionCommandsPerSecond > 0 && o.ConnectionCommandBurst > 0, "Sessions:CommandsPerSecond, CommandBurst, ConnectionCommandsPerSecond and ConnectionCommandBurst must be positive.")
            .Validate(o => o.IdleDeactivation >= TimeSpan.FromSeconds(1), "Sessions:IdleDeactivation must be at least a second.")
            .ValidateOnStart();
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, SessionClockKey)))
        {
            services.AddKeyedSingleton(SessionClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        }
        return services;
    }
}
