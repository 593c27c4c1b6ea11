using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Sessions;

namespace SessionLab.Recordings;

/// <summary>
/// Who may touch a session's recordings. The server answers it with the same rules as the rest of its API (the study
/// owner for everything, a moderator's invite for writing, an observer's for reading, a participant's for nothing),
/// so the recordings feature does not know how callers prove who they are.
/// </summary>
public interface IRecordingAccess
{
    /// <summary>
    /// Checks the caller may act on the session (<paramref name="observersAllowed"/> for reads), then loads it.
    /// <paramref name="shareRead"/> names what a view-only link's holder would see here (one clip, one reel); null
    /// where a view-only link opens nothing.
    /// </summary>
    Task<RecordingAccess> RequireSessionAsync(HttpContext http, string sessionId, bool observersAllowed, ShareRead? shareRead, CancellationToken cancellationToken);
}

/// <summary>The session and who is acting on it, or why not.</summary>
public sealed record RecordingAccess(SessionState? State, Actor? Actor, ProblemHttpResult? Problem)
{
    public static RecordingAccess Granted(SessionState state, Actor actor) => new(state, actor, null);

    public static RecordingAccess Denied(ProblemHttpResult problem) => new(null, null, problem);
}

/// <summary>What a session route would show a view-only link's holder: one note's clip, or one tag's highlight reel.</summary>
public sealed record ShareRead(Guid? NoteId, string? Tag)
{
    public static ShareRead Clip(Guid noteId) => new(noteId, null);

    public static ShareRead Highlights(string tag) => new(null, tag);
}
