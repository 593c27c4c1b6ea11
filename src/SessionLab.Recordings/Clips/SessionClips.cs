using SessionLab.Sessions;

namespace SessionLab.Recordings;

/// <summary>
/// The clips of one session for one request: its recordings and stored clip windows, read once, and one signed
/// playback link per recording however many clips it serves.
/// </summary>
internal sealed class SessionClips
{
    private readonly IReadOnlyList<Recording> _recordings;
    private readonly IReadOnlyDictionary<Guid, ClipWindow> _windows;
    private readonly PlaybackLinks _links;
    private readonly HttpRequest _request;
    private readonly Dictionary<string, PlaybackLink> _signed = new(StringComparer.Ordinal);

    private SessionClips(IReadOnlyList<Recording> recordings, IReadOnlyDictionary<Guid, ClipWindow> windows, PlaybackLinks links, HttpRequest request)
    {
        _recordings = recordings;
        _windows = windows;
        _links = links;
        _request = request;
    }

    public static async Task<SessionClips> LoadAsync(IRecordingCatalog catalog, PlaybackLinks links, SessionState session, HttpRequest request, CancellationToken cancellationToken) =>
        new([.. (await catalog.ListAsync(session.SessionId, cancellationToken)).Select(r => r.OnSessionClock(session.StartedAt))],
            await catalog.GetClipWindowsAsync(session.SessionId, cancellationToken), links, request);

    /// <summary>The note's stored window, or the default; <paramref name="beforeSeconds"/> and <paramref name="afterSeconds"/> override either side for this request.</summary>
    public ClipWindow? WindowFor(Guid noteId, double? beforeSeconds, double? afterSeconds, out string? error)
    {
        var stored = _windows.GetValueOrDefault(noteId, ClipWindow.Default);
        if (beforeSeconds is null && afterSeconds is null)
        {
            error = null;
            return stored;
        }
        return ClipWindow.FromSeconds(beforeSeconds ?? stored.BeforeMs / 1000.0, afterSeconds ?? stored.AfterMs / 1000.0, out error);
    }

    /// <summary>
    /// Places the note's clip on the named recording or, without one, on the recording that shows the note's moment
    /// (the one that started last, where several do).
    /// </summary>
    public ClipPlacement Place(Note note, ClipWindow window, string? recordingId)
    {
        var recording = recordingId is null
            ? _recordings.Where(r => r.Covers(note.ClockOffsetMs)).OrderByDescending(r => r.ClockOffsetMs).ThenByDescending(r => r.CreatedAt).FirstOrDefault()
            : _recordings.FirstOrDefault(r => r.Id == recordingId);
        if (recordingId is not null && recording is null)
        {
            return ClipPlacement.None(RecordingErrorCode.RecordingNotFound, $"This session has no recording '{recordingId}'.");
        }
        if (recording is { Status: RecordingStatus.Uploading })
        {
            return ClipPlacement.None(RecordingErrorCode.RecordingNotComplete, "This recording is still uploading; its clips play once it is complete.");
        }
        return recording is not null && recording.Covers(note.ClockOffsetMs) && window.OnRecording(note.ClockOffsetMs, recording.ClockOffsetMs, recording.DurationMs) is { } range
            ? ClipPlacement.On(recording, range)
            : ClipPlacement.None(RecordingErrorCode.NoRecordingCoversNote, $"No complete recording of this session shows the note's moment ({note.ClockOffsetMs / 1000.0:0.###} s on the session clock).");
    }

    public async Task<Clip> ClipAsync(Note note, ClipWindow window, Recording recording, ClipRange range, CancellationToken cancellationToken)
    {
        if (!_signed.TryGetValue(recording.Id, out var link))
        {
            link = await _links.CreateAsync(recording.BlobName, recording.ContentType, _request, cancellationToken);
            _signed[recording.Id] = link;
        }
        return new Clip(
            note.Id, note.Text, note.Kind, note.Tags, note.ClockOffsetMs, recording.Id,
            range.StartSeconds, range.EndSeconds, window.BeforeMs / 1000.0, window.AfterMs / 1000.0,
            link, link.Url + range.MediaFragment);
    }
}
