namespace SessionLab.Sessions;

/// <summary>
/// Joins the session named by the invite link the connection was opened with (<c>/hubs/session?invite=…</c>), in the
/// role it grants. <see cref="IdentityToken"/>, returned by an earlier join, keeps the same author identity across
/// reloads; <see cref="LastSeenSequence"/> asks for everything after it.
/// </summary>
public sealed record JoinSessionRequest(string? DisplayName, string? IdentityToken, long LastSeenSequence = 0);
