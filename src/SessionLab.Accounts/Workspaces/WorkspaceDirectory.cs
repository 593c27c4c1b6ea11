using Microsoft.EntityFrameworkCore;
using SessionLab.Accounts.Data;

namespace SessionLab.Accounts.Workspaces;

/// <summary>
/// Workspaces, their members and roles, and which workspace each study belongs to. Every access check of a study
/// route asks here; nothing is cached, so a removed member or a changed role takes effect on their next request,
/// on every node.
/// </summary>
public sealed class WorkspaceDirectory(IDbContextFactory<AccountsDbContext> contexts, TimeProvider time)
{
    /// <summary>The workspace a fresh server starts with; the first owner claims it, and the sample study is in it.</summary>
    public const string FirstWorkspaceId = "ws_team";

    public async Task<MyWorkspace> CreateAsync(string name, string ownerId, CancellationToken cancellationToken, string? id = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workspace = new WorkspaceRow { Id = id ?? "ws_" + Guid.NewGuid().ToString("N")[..12], Name = name, CreatedAt = time.GetUtcNow() };
        db.Workspaces.Add(workspace);
        db.Memberships.Add(new MembershipRow { WorkspaceId = workspace.Id, MemberId = ownerId, Role = WorkspaceRole.Owner, JoinedAt = workspace.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
        return new MyWorkspace(workspace.Id, workspace.Name, WorkspaceRole.Owner);
    }

    /// <summary>Creates the first workspace, with no member yet, on a server that has none.</summary>
    public async Task EnsureFirstWorkspaceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Workspaces.AnyAsync(cancellationToken))
        {
            db.Workspaces.Add(new WorkspaceRow { Id = FirstWorkspaceId, Name = "Research team", CreatedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node of the cluster created it first.
            }
        }
    }

    /// <summary>The oldest workspace: where studies made before accounts existed, and the sample study, are placed.</summary>
    public async Task<string> FirstWorkspaceIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Workspaces.OrderBy(w => w.Id == FirstWorkspaceId ? 0 : 1).Select(w => w.Id).FirstAsync(cancellationToken);
    }

    public async Task<WorkspaceRole?> RoleOfAsync(string workspaceId, string memberId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.MemberId == memberId, cancellationToken);
        return row?.Role;
    }

    public async Task<string?> WorkspaceOfStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StudyPlacements.AsNoTracking().Where(p => p.StudyId == studyId).Select(p => p.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task PlaceStudyAsync(string studyId, string workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.StudyPlacements.AnyAsync(p => p.StudyId == studyId, cancellationToken))
        {
            db.StudyPlacements.Add(new StudyPlacementRow { StudyId = studyId, WorkspaceId = workspaceId });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Takes a deleted study out of its workspace: from then on no member reaches it.</summary>
    public async Task RemoveStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.StudyPlacements.Where(p => p.StudyId == studyId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> PlacedStudyIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.StudyPlacements.AsNoTracking().Select(p => p.StudyId).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<IReadOnlyList<string>> StudyIdsAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StudyPlacements.AsNoTracking().Where(p => p.WorkspaceId == workspaceId).Select(p => p.StudyId).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MyWorkspace>> OfMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from m in db.Memberships.AsNoTracking()
                          join w in db.Workspaces.AsNoTracking() on m.WorkspaceId equals w.Id
                          where m.MemberId == memberId
                          select new { w.Id, w.Name, m.Role }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).Select(r => new MyWorkspace(r.Id, r.Name, r.Role))];
    }

    public async Task<string?> NameOfAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WorkspaceMember>> MembersAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from m in db.Memberships.AsNoTracking()
                          join u in db.Users.AsNoTracking() on m.MemberId equals u.Id
                          where m.WorkspaceId == workspaceId
                          select new { u.Id, u.Email, u.DisplayName, m.Role, m.JoinedAt }).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Role).ThenBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new WorkspaceMember(r.Id, r.Email ?? "", r.DisplayName, r.Role, r.JoinedAt))];
    }

    /// <summary>Adds a member, or gives an existing one the higher of the two roles.</summary>
    public async Task JoinAsync(string workspaceId, string memberId, WorkspaceRole role, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.MemberId == memberId, cancellationToken);
        if (row is null)
        {
            db.Memberships.Add(new MembershipRow { WorkspaceId = workspaceId, MemberId = memberId, Role = role, JoinedAt = time.GetUtcNow() });
        }
        else if (row.Role < role)
        {
            row.Role = role;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Changes a member's role, or removes them (<paramref name="role"/> null); never leaves a workspace without an owner.</summary>
    public async Task<MembershipChange> ChangeAsync(string workspaceId, string memberId, WorkspaceRole? role, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.MemberId == memberId, cancellationToken);
        if (row is null)
        {
            return MembershipChange.NotAMember;
        }
        if (row.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner
            && await db.Memberships.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner, cancellationToken) == 1)
        {
            return MembershipChange.LastOwner;
        }
        if (role is { } newRole)
        {
            row.Role = newRole;
        }
        else
        {
            db.Memberships.Remove(row);
        }
        await db.SaveChangesAsync(cancellationToken);
        return MembershipChange.Done;
    }

    public async Task<InvitationRow> AddInvitationAsync(string workspaceId, WorkspaceRole role, string? email, string createdBy, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new InvitationRow
        {
            Id = "inv_" + Guid.NewGuid().ToString("N")[..12],
            WorkspaceId = workspaceId,
            Role = role,
            Email = email,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        db.Invitations.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task<InvitationRow?> FindInvitationAsync(string invitationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
    }

    /// <summary>Marks an invitation used and adds its member, once: a second use of the same link finds it accepted.</summary>
    public async Task<bool> AcceptInvitationAsync(string invitationId, string memberId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null, cancellationToken);
        if (row is null)
        {
            return false;
        }
        row.AcceptedAt = time.GetUtcNow();
        row.AcceptedBy = memberId;
        await db.SaveChangesAsync(cancellationToken);
        await JoinAsync(row.WorkspaceId, memberId, row.Role, cancellationToken);
        return true;
    }
}

public enum MembershipChange
{
    Done,
    NotAMember,
    LastOwner,
}
