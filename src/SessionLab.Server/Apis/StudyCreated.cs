using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

/// <summary>A new study, the workspace it was put in, and the page where its team sets it up.</summary>
public sealed record StudyCreated(Study Study, string WorkspaceId, string StudyUrl);

/// <summary>A study draft and, when the member may create studies in more than one workspace, which one it goes to.</summary>
public sealed record CreateStudyRequest(string? WorkspaceId);
