using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace SessionLab.Accounts.Data;

/// <summary>
/// Members (Identity's tables, passkeys included), workspaces, memberships, study placements, invitations, the audit
/// log, and the Data Protection key ring, which every node of a cluster reads from here.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<Member>(options), IDataProtectionKeyContext
{
    public DbSet<WorkspaceRow> Workspaces => Set<WorkspaceRow>();
    public DbSet<MembershipRow> Memberships => Set<MembershipRow>();
    public DbSet<StudyPlacementRow> StudyPlacements => Set<StudyPlacementRow>();
    public DbSet<InvitationRow> Invitations => Set<InvitationRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<WorkspaceRow>(e =>
        {
            e.ToTable("workspaces");
            e.HasKey(w => w.Id);
            e.Property(w => w.Name).HasMaxLength(120);
        });
        builder.Entity<MembershipRow>(e =>
        {
            e.ToTable("workspace_members");
            e.HasKey(m => new { m.WorkspaceId, m.MemberId });
            e.HasIndex(m => m.MemberId);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<StudyPlacementRow>(e =>
        {
            e.ToTable("workspace_studies");
            e.HasKey(p => p.StudyId);
            e.HasIndex(p => p.WorkspaceId);
        });
        builder.Entity<InvitationRow>(e =>
        {
            e.ToTable("workspace_invitations");
            e.HasKey(i => i.Id);
            e.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<AuditRow>(e =>
        {
            e.ToTable("workspace_audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.WorkspaceId, a.At });
        });
        // SQLite cannot order by a DateTimeOffset column; every timestamp is kept as UTC ticks there.
        if (Database.IsSqlite())
        {
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }
}
