using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Workspaces;
using SessionLab.Storage;

namespace SessionLab.Accounts.FirstRun;

/// <summary>
/// Before the server takes requests: the accounts tables exist, there is a first workspace, every study is in a
/// workspace (studies made before accounts go to the first one), and the owner named in settings, if any, exists.
/// </summary>
internal sealed partial class AccountsStartup(
    IDbContextFactory<AccountsDbContext> contexts,
    WorkspaceDirectory workspaces,
    OwnerSetup setup,
    IStudyStore studies,
    IOptions<AccountsOptions> options,
    ILogger<AccountsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await AccountsSchema.EnsureCreatedAsync(db, cancellationToken);
        }
        await workspaces.EnsureFirstWorkspaceAsync(cancellationToken);
        var placed = await workspaces.PlacedStudyIdsAsync(cancellationToken);
        var unplaced = (await studies.ListAsync(cancellationToken)).Where(s => !placed.Contains(s.Id)).ToList();
        if (unplaced.Count > 0)
        {
            var first = await workspaces.FirstWorkspaceIdAsync(cancellationToken);
            foreach (var study in unplaced)
            {
                await workspaces.PlaceStudyAsync(study.Id, first, cancellationToken);
            }
            Log.StudiesPlaced(logger, unplaced.Count, first);
        }
        var owner = options.Value.InitialOwner;
        if (!string.IsNullOrWhiteSpace(owner.Email) && !string.IsNullOrEmpty(owner.Password) && await setup.IsPendingAsync(cancellationToken))
        {
            var result = await setup.ClaimAsync(owner.Email.Trim(), string.IsNullOrWhiteSpace(owner.DisplayName) ? owner.Email.Trim() : owner.DisplayName.Trim(), owner.Password, cancellationToken);
            if (result.Errors is { } errors)
            {
                throw new InvalidOperationException("Accounts:InitialOwner could not be created: " + string.Join(" ", errors.Select(e => e.Description)));
            }
            Log.InitialOwnerCreated(logger, owner.Email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Information, "Placed {Count} studies made before accounts in workspace {WorkspaceId}.")]
        public static partial void StudiesPlaced(ILogger logger, int count, string workspaceId);

        [LoggerMessage(6002, LogLevel.Information, "Created the owner {Email} named in Accounts:InitialOwner.")]
        public static partial void InitialOwnerCreated(ILogger logger, string email);
    }
}
