namespace SessionLab.Accounts.Workspaces;

/// <summary>A workspace as its member sees it: with their role in it.</summary>
public sealed record MyWorkspace(string Id, string Name, WorkspaceRole Role);

/// <summary>The signed-in member and their workspaces (GET /api/account).</summary>
public sealed record Me(string Id, string Email, string DisplayName, IReadOnlyList<MyWorkspace> Workspaces);

public sealed record WorkspaceMember(string Id, string Email, string DisplayName, WorkspaceRole Role, DateTimeOffset JoinedAt);

/// <summary>A study in the workspace's list; an archived one (<see cref="ArchivedAt"/> set) is listed apart, under "Archived".</summary>
public sealed record WorkspaceStudy(string Id, string Name, string Goal, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt);

public sealed record WorkspaceInvitation(string Id, WorkspaceRole Role, string? Email, string Url, string Token, DateTimeOffset ExpiresAt);

public sealed record InvitationPreview(string WorkspaceName, WorkspaceRole Role, string? Email, DateTimeOffset ExpiresAt);

public sealed record PasswordResetLink(string Url, DateTimeOffset ExpiresAt);

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

/// <summary>Who did something, for the audit log: a member's id and the name they go by.</summary>
public sealed record AuditActor(string Id, string Name);

public sealed record CreateWorkspaceRequest(string? Name);

public sealed record ChangeRoleRequest(WorkspaceRole? Role);

public sealed record CreateInvitationRequest(WorkspaceRole? Role, string? Email, int? ExpiresInDays);
