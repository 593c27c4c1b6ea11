using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Sharing;

/// <summary>
/// A new view-only link: the report (the default), one note's clip (<see cref="SessionId"/> and <see cref="NoteId"/>)
/// or one session's highlight reel (<see cref="SessionId"/> and <see cref="Tag"/>), for a number of days.
/// </summary>
public sealed record CreateShareLinkRequest(ShareScope? Scope, int? ExpiresInDays, string? SessionId, Guid? NoteId, string? Tag);
