namespace SessionLab.Storage.Sharing;

/// <summary>
/// A view-only link the study's owner made: what it opens and until when. The link's token names the row by
/// <see cref="Id"/>; revoking sets <see cref="RevokedAt"/> and keeps the row, so a revoked link is told it was
/// revoked rather than that it never existed.
/// </summary>
public sealed record ShareLink(
    string Id,
    string StudyId,
    ShareScope Scope,
    string? SessionId,
    Guid? NoteId,
    string? Tag,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;
}
