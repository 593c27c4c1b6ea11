using SessionLab.Server.Invitations;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Sharing;

/// <summary>A view-only link as its owner sees it: what it opens, until when, whether it still works, and the link itself to copy again.</summary>
public sealed record SharedLink(
    string Id,
    string StudyId,
    ShareScope Scope,
    string? SessionId,
    Guid? NoteId,
    string? Tag,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    ShareLinkStatus Status,
    string Url)
{
    /// <remarks>
    /// The token is signed again rather than kept: the same claims under the same key give the same token, so the
    /// store never holds a working credential.
    /// </remarks>
    public static SharedLink From(ShareLink link, TokenService tokens, string baseUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(tokens);
        var token = tokens.IssueReportShare(link.StudyId, link.Id, link.ExpiresAt);
        var url = link is { Scope: ShareScope.Clip, SessionId: { } sessionId, NoteId: { } noteId }
            ? AppLinks.Clip(baseUrl, sessionId, noteId, token)
            : AppLinks.Shared(baseUrl, token);
        var status = link.RevokedAt is not null ? ShareLinkStatus.Revoked : link.IsExpired(now) ? ShareLinkStatus.Expired : ShareLinkStatus.Active;
        return new SharedLink(link.Id, link.StudyId, link.Scope, link.SessionId, link.NoteId, link.Tag, link.CreatedAt, link.ExpiresAt, link.RevokedAt, status, url);
    }
}
