namespace SessionLab.Accounts.Workspaces;

/// <summary>A member's role in one workspace; each includes everything the ones before it may do.</summary>
public enum WorkspaceRole
{
    /// <summary>Reads studies, sessions, reports, findings and clips.</summary>
    Viewer = 1,

    /// <summary>Creates and runs studies, mints session links, rates findings, shares view-only links.</summary>
    Researcher = 2,

    /// <summary>Members, invitations, password resets and the audit log, as well as everything else.</summary>
    Owner = 3,
}
