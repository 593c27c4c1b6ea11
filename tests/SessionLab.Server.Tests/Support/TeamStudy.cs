using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Support;

/// <summary>A study a test created, with the bearer token of the member who created it (a researcher or owner of its workspace).</summary>
public sealed record TeamStudy(Study Study, string MemberToken, string WorkspaceId);
