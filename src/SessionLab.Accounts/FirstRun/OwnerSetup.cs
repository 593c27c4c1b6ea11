using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Tokens;
using SessionLab.Accounts.Workspaces;

namespace SessionLab.Accounts.FirstRun;

/// <summary>
/// The first owner of a fresh server. The server prints a one-time link on start-up (as self-hosted tools do); its
/// holder creates the owner, who gets the first workspace and the sample study in it. Once any account exists the
/// link opens nothing, so nobody else can claim the server.
/// </summary>
public sealed class OwnerSetup(
    IDbContextFactory<AccountsDbContext> contexts,
    IServiceScopeFactory scopes,
    ProtectedTokens tokens,
    WorkspaceDirectory workspaces,
    AuditLog audit,
    IOptions<AccountsOptions> options,
    TimeProvider time)
{
    private const string Purpose = "first-run-owner";
    private readonly SemaphoreSlim _claiming = new(1, 1);

    public async Task<bool> IsPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>The first-run link's token; a new one each start, each working until the first owner exists.</summary>
    public string IssueToken() => tokens.Protect(Purpose, new SetupClaims("owner"), time.GetUtcNow() + options.Value.SetupLinkLifetime);

    public static string Link(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/setup#{token}";

    public TokenReadStatus Check(string? token) => tokens.Read<SetupClaims>(Purpose, token).Status;

    /// <summary>Creates the first owner, if there is none yet.</summary>
    public async Task<SetupResult> ClaimAsync(string email, string displayName, string password, CancellationToken cancellationToken)
    {
        await _claiming.WaitAsync(cancellationToken);
        try
        {
            if (!await IsPendingAsync(cancellationToken))
            {
                return new SetupResult(null, null);
            }
            using var scope = scopes.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var member = new Member { UserName = email, Email = email, DisplayName = displayName, CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(member, password);
            if (!created.Succeeded)
            {
                return new SetupResult(null, created.Errors);
            }
            await workspaces.EnsureFirstWorkspaceAsync(cancellationToken);
            var workspaceId = await workspaces.FirstWorkspaceIdAsync(cancellationToken);
            await workspaces.JoinAsync(workspaceId, member.Id, WorkspaceRole.Owner, cancellationToken);
            await audit.RecordAsync(workspaceId, new AuditActor(member.Id, member.DisplayName), "account.setup", member.Email, "First owner of this server", cancellationToken);
            return new SetupResult(member, null);
        }
        finally
        {
            _claiming.Release();
        }
    }

    private sealed record SetupClaims(string Role);
}

/// <summary>The owner created, or why not: Identity's errors (a weak password, a taken e-mail), or neither when an owner already exists.</summary>
public sealed record SetupResult(Member? Owner, IEnumerable<IdentityError>? Errors);
