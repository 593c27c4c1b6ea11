using SessionLab.Recordings;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Lifecycle;

/// <summary>
/// Counts and removes a study's data for good: session logs (through each session's grain, so no node keeps serving
/// one), recording rows and their bytes, exported clips, and the view-only links that opened them. Every blob of a
/// session lives under <c>studies/{studyId}/sessions/{sessionId}/</c>, which is how clips are found and removed.
/// </summary>
public sealed class DataRemoval(
    ISessionEventStore log,
    IRecordingCatalog catalog,
    IBlobStore blobs,
    IShareLinkStore shares,
    IGrainFactory grains,
    TimeProvider time)
{
    public async Task<DeletionPreview> PreviewSessionAsync(SessionState session, CancellationToken cancellationToken)
    {
        var recordings = await catalog.ListAsync(session.SessionId, cancellationToken);
        var links = (await shares.ListAsync(session.StudyId, cancellationToken)).Count(l => l.RevokedAt is null && l.SessionId == session.SessionId);
        return new DeletionPreview("session", SessionName(session), 1, session.Notes.Count, recordings.Count, recordings.Sum(r => r.Bytes ?? 0),
            await CountBlobsAsync(ClipPrefix(session.StudyId, session.SessionId), cancellationToken), links, LiveRefusal(session));
    }

    public async Task<DeletionPreview> PreviewRecordingAsync(SessionState session, Recording recording, CancellationToken cancellationToken) =>
        new("recording", $"the recording of {SessionName(session)}", 0, 0, 1, recording.Bytes ?? 0,
            await CountBlobsAsync(ClipPrefix(session.StudyId, session.SessionId) + recording.Id + "-", cancellationToken), 0,
            RecordingRefusal(session, recording));

    public async Task<DeletionPreview> PreviewStudyAsync(Study study, CancellationToken cancellationToken)
    {
        var sessions = await SessionsOfAsync(study.Id, cancellationToken);
        var recordings = new List<Recording>();
        foreach (var session in sessions)
        {
            recordings.AddRange(await catalog.ListAsync(session.SessionId, cancellationToken));
        }
        var links = (await shares.ListAsync(study.Id, cancellationToken)).Count(l => l.RevokedAt is null);
        var live = sessions.FirstOrDefault(s => s.Status == SessionStatus.Live);
        return new DeletionPreview("study", $"the study “{study.Name}”", sessions.Count, sessions.Sum(s => s.Notes.Count), recordings.Count,
            recordings.Sum(r => r.Bytes ?? 0), await CountBlobsAsync($"studies/{study.Id}/", "/clips/", cancellationToken), links,
            live is null ? null : $"{Capitalized(SessionName(live))} is live; end it before deleting the study.");
    }

    /// <summary>Deletes the session unless it is live; null when done, else why it was refused (nothing removed).</summary>
    public async Task<SessionError?> DeleteSessionAsync(SessionState session, Actor actor, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<ISessionGrain>(session.SessionId).DeleteAsync(actor, new DeleteSessionRequest(Guid.NewGuid()), cancellationToken);
        if (result.Error is { } refused)
        {
            return refused;
        }
        await RemoveRecordingsAsync(session, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var link in await shares.ListAsync(session.StudyId, cancellationToken))
        {
            if (link.RevokedAt is null && link.SessionId == session.SessionId)
            {
                await shares.RevokeAsync(session.StudyId, link.Id, now, cancellationToken);
            }
        }
        return null;
    }

    public async Task DeleteRecordingAsync(SessionState session, Recording recording, CancellationToken cancellationToken)
    {
        await DeleteBlobsAsync(ClipPrefix(session.StudyId, session.SessionId) + recording.Id + "-", cancellationToken);
        await blobs.DeleteIfExistsAsync(recording.BlobName, cancellationToken);
        await catalog.DeleteAsync(recording.Id, cancellationToken);
    }

    /// <summary>
    /// Deletes every session of the study, their recordings and clips, and revokes its links; refused, with nothing
    /// removed, while a session is live. The study's own row and workspace place are the caller's to remove after.
    /// </summary>
    public async Task<SessionError?> DeleteStudyContentAsync(Study study, Actor actor, CancellationToken cancellationToken)
    {
        var sessions = await SessionsOfAsync(study.Id, cancellationToken);
        if (sessions.FirstOrDefault(s => s.Status == SessionStatus.Live) is { } live)
        {
            return new SessionError(SessionErrorCode.SessionLive, $"{Capitalized(SessionName(live))} is live; end it before deleting the study.");
        }
        foreach (var session in sessions)
        {
            if (await DeleteSessionAsync(session, actor, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        await DeleteBlobsAsync($"studies/{study.Id}/", cancellationToken);
        var now = time.GetUtcNow();
        foreach (var link in await shares.ListAsync(study.Id, cancellationToken))
        {
            if (link.RevokedAt is null)
            {
                await shares.RevokeAsync(study.Id, link.Id, now, cancellationToken);
            }
        }
        return null;
    }

    /// <summary>A preview's counts in plain words, for the audit log.</summary>
    public static string Describe(DeletionPreview p)
    {
        var parts = new List<string>();
        if (p.Kind == "study")
        {
            parts.Add(Count(p.Sessions, "session"));
        }
        if (p.Kind != "recording")
        {
            parts.Add(Count(p.Notes, "note"));
        }
        parts.Add($"{Count(p.Recordings, "recording")} ({p.RecordingBytes / 1_000_000.0:0.#} MB)");
        parts.Add(Count(p.Clips, "exported clip"));
        if (p.Kind != "recording")
        {
            parts.Add(Count(p.ShareLinks, "view-only link"));
        }
        return "Removed " + string.Join(", ", parts) + ".";
    }

    /// <summary>A session as a sentence names it mid-way: "the session with P7".</summary>
    public static string SessionName(SessionState s) =>
        string.IsNullOrWhiteSpace(s.ParticipantAlias) ? $"session {s.SessionId}" : $"the session with {s.ParticipantAlias}";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Count(int n, string one) => $"{n} {(n == 1 ? one : one + "s")}";

    private static string? LiveRefusal(SessionState s) =>
        s.Status == SessionStatus.Live ? "The session is live; end it before deleting it." : null;

    /// <summary>A recording still arriving from a live session is in use; a finished or abandoned one can go.</summary>
    internal static string? RecordingRefusal(SessionState s, Recording r) =>
        s.Status == SessionStatus.Live && r.Status != RecordingStatus.Complete ? "This recording is still being made; end the session before deleting it." : null;

    private static string ClipPrefix(string studyId, string sessionId) => $"studies/{studyId}/sessions/{sessionId}/clips/";

    private async Task RemoveRecordingsAsync(SessionState session, CancellationToken cancellationToken)
    {
        // Each recording by its name too: one still uploading has staged blocks but no committed blob to list.
        foreach (var recording in await catalog.ListAsync(session.SessionId, cancellationToken))
        {
            await blobs.DeleteIfExistsAsync(recording.BlobName, cancellationToken);
        }
        await DeleteBlobsAsync($"studies/{session.StudyId}/sessions/{session.SessionId}/", cancellationToken);
        await catalog.DeleteSessionAsync(session.SessionId, cancellationToken);
    }

    private async Task<List<SessionState>> SessionsOfAsync(string studyId, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionState>();
        foreach (var id in await log.ListSessionIdsAsync(studyId, cancellationToken))
        {
            if (await log.LoadStateAsync(id, cancellationToken) is { } state)
            {
                sessions.Add(state);
            }
        }
        return sessions;
    }

    private async Task<int> CountBlobsAsync(string prefix, CancellationToken cancellationToken) =>
        await CountBlobsAsync(prefix, null, cancellationToken);

    private async Task<int> CountBlobsAsync(string prefix, string? containing, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var blob in blobs.ListAsync(prefix, cancellationToken))
        {
            if (containing is null || blob.Name.Value.Contains(containing, StringComparison.Ordinal))
            {
                count++;
            }
        }
        return count;
    }

    private async Task DeleteBlobsAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<BlobName>();
        await foreach (var blob in blobs.ListAsync(prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }
        foreach (var name in names)
        {
            await blobs.DeleteIfExistsAsync(name, cancellationToken);
        }
    }
}
