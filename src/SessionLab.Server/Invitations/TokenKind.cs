namespace SessionLab.Server.Invitations;

public enum TokenKind
{
    /// <summary>Opens one session in one role.</summary>
    SessionInvite,

    /// <summary>Who a person is within one session, so their notes stay theirs across reloads and reconnects.</summary>
    Identity,

    /// <summary>
    /// A view-only link made by a member of the study's workspace: its report and clips, or one clip, or one highlight
    /// reel. The subject is the link's row in the store, which says what it opens and whether it was revoked.
    /// </summary>
    ReportShare,
}
