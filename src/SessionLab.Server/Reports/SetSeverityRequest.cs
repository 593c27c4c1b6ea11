namespace SessionLab.Server.Reports;

/// <summary>
/// A finding's severity on Nielsen's 0–4 scale. The owner token is shared by the team, so <see cref="UpdatedBy"/> is
/// who says they made the call; without it the rating is the research team's.
/// </summary>
public sealed record SetSeverityRequest(int? Severity, string? UpdatedBy);
