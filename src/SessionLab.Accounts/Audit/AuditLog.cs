using Microsoft.EntityFrameworkCore;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Workspaces;

namespace SessionLab.Accounts.Audit;

/// <summary>Who created, shared, deleted or exported what, and when, per workspace; its owners read it.</summary>
public sealed class AuditLog(IDbContextFactory<AccountsDbContext> contexts, TimeProvider time)
{
    public const int MaxEntriesRead = 500;

    public async Task RecordAsync(string workspaceId, AuditActor actor, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditRow
        {
            WorkspaceId = workspaceId,
            At = time.GetUtcNow(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            Target = target,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Audit.AsNoTracking().Where(a => a.WorkspaceId == workspaceId)
            .OrderByDescending(a => a.Id).Take(MaxEntriesRead).ToListAsync(cancellationToken);
        return [.. rows.Select(a => new AuditEntry(a.At, a.ActorName, a.Action, a.Target, a.Detail))];
    }
}
