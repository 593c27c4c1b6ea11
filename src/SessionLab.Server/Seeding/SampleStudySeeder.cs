using Microsoft.AspNetCore.Hosting.Server;
using SessionLab.Accounts.FirstRun;
using SessionLab.Accounts.Workspaces;
using SessionLab.Server.Invitations;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Sessions.Studies;

namespace SessionLab.Server.Seeding;

/// <summary>
/// Once the server listens: on a fresh data folder, creates the sample study and a session; then prints the links a
/// person needs to try it (the first-run owner link or where to sign in, and the session's moderator, observer and participant links). Links are re-issued on every start.
/// </summary>
internal sealed partial class SampleStudySeeder(
    IServer server,
    IHostApplicationLifetime lifetime,
    IStudyStore studies,
    ISessionEventStore log,
    IGrainFactory grains,
    TokenService tokens,
    WorkspaceDirectory workspaces,
    OwnerSetup setup,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<SampleStudySeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => AnnounceAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var baseUrl = configuration["SessionLab:PublicUrl"] is { Length: > 0 } configured
                ? configured.TrimEnd('/')
                : AppLinks.ListeningAddress(server);
            var all = await studies.ListAsync(cancellationToken);
            var study = all.Count > 0 ? all[0] : await SeedAsync(cancellationToken);
            var lines = new List<string> { $"SessionLab is listening on {baseUrl}" };
            lines.Add(await setup.IsPendingAsync(cancellationToken)
                ? $"First run: create the owner account at {OwnerSetup.Link(baseUrl, setup.IssueToken())}"
                : $"Sign in at {baseUrl}/sign-in; the sample study is {AppLinks.Study(baseUrl, study.Id)}");
            foreach (var sessionId in await log.ListSessionIdsAsync(study.Id, cancellationToken))
            {
                var state = await log.LoadStateAsync(sessionId, cancellationToken);
                if (state is null || state.Status == SessionStatus.Ended)
                {
                    continue;
                }
                foreach (var role in Enum.GetValues<SessionRole>())
                {
                    var token = tokens.IssueInvite(sessionId, role, tokens.Options.InviteLifetime, out _);
                    lines.Add($"  {state.ParticipantAlias} as {role.ToString().ToLowerInvariant(),-11}: {AppLinks.Join(baseUrl, token)}");
                }
                break;
            }
            // Printed as plain lines so they can be copied from any terminal; the first line is also what tests wait for.
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Log.AnnounceFailed(logger, error);
        }
    }

    private async Task<Study> SeedAsync(CancellationToken cancellationToken)
    {
        var study = StudyValidator.Create(SampleStudy.Draft, "st_sample", time.GetUtcNow(), out _)!;
        await studies.SaveAsync(study, cancellationToken);
        await workspaces.PlaceStudyAsync(study.Id, await workspaces.FirstWorkspaceIdAsync(cancellationToken), cancellationToken);
        await grains.GetGrain<ISessionGrain>("se_sample_p1").ScheduleAsync(
            new Actor("owner", "Research team", SessionRole.Moderator),
            new ScheduleSessionRequest(Guid.NewGuid(), study.Id, SampleStudy.ParticipantAlias, SampleStudy.ModeratorName, null),
            cancellationToken);
        Log.Seeded(logger, study.Id);
        return study;
    }

    private static partial class Log
    {
        [LoggerMessage(5001, LogLevel.Information, "Created the sample study {StudyId} and a session for P1.")]
        public static partial void Seeded(ILogger logger, string studyId);

        [LoggerMessage(5002, LogLevel.Error, "Could not prepare the sample study links.")]
        public static partial void AnnounceFailed(ILogger logger, Exception error);
    }
}
