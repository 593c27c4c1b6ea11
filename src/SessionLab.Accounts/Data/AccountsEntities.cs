using SessionLab.Accounts.Workspaces;

namespace SessionLab.Accounts.Data;

/// <summary>A team's space: its studies and its members.</summary>
public sealed class WorkspaceRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class MembershipRow
{
    public required string WorkspaceId { get; set; }
    public required string MemberId { get; set; }
    public WorkspaceRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

/// <summary>Which workspace a study belongs to: the one fact every study route's access check needs.</summary>
public sealed class StudyPlacementRow
{
    public required string StudyId { get; set; }
    public required string WorkspaceId { get; set; }
}

/// <summary>An invitation into a workspace; its link's token names this row, which makes the link single-use.</summary>
public sealed class InvitationRow
{
    public required string Id { get; set; }
    public required string WorkspaceId { get; set; }
    public WorkspaceRole Role { get; set; }
    public string? Email { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedBy { get; set; }
}

/// <summary>One line of a workspace's audit log: who did what to what, and when.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public required string WorkspaceId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Detail { get; set; }
}
