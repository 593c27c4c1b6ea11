using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Recordings;

/// <summary>
/// Clips from notes: each note's moment in the recording that shows it, with a signed playback URL and the start and
/// end seconds for a media fragment; a tag's highlight reel; and, where ffmpeg is installed, a clip as an MP4 file.
/// </summary>
internal static class ClipsApi
{
    public static RouteGroupBuilder MapClips(this RouteGroupBuilder api)
    {
        api.MapGet("/notes/{noteId:guid}/clip", GetClipAsync);
        api.MapPut("/notes/{noteId:guid}/clip", SetClipWindowAsync);
        api.MapPost("/notes/{noteId:guid}/clip/export", ExportClipAsync);
        api.MapGet("/highlights/{tag}", GetHighlightReelAsync);
        return api;
    }

    /// <summary>The note's clip with its stored window; <paramref name="beforeSeconds"/> and <paramref name="afterSeconds"/> try another without storing it.</summary>
    internal static async Task<Results<Ok<Clip>, ProblemHttpResult>> GetClipAsync(
        string sessionId, Guid noteId, [FromQuery] string[]? beforeSeconds, [FromQuery] string[]? afterSeconds, string? recordingId,
        IRecordingAccess access, IRecordingCatalog catalog, PlaybackLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var (placed, problem) = await PlaceAsync(sessionId, noteId, beforeSeconds, afterSeconds, recordingId, access, catalog, links, http, ShareRead.Clip(noteId), cancellationToken);
        return placed is null
            ? problem!
            : TypedResults.Ok(await placed.Clips.ClipAsync(placed.Note, placed.Window, placed.Recording, placed.Range, cancellationToken));
    }

    /// <summary>Keeps an adjusted window for the note's clip, so the session summary and the report show the same moment.</summary>
    internal static async Task<Results<Ok<Clip>, ProblemHttpResult>> SetClipWindowAsync(
        string sessionId, Guid noteId, SetClipWindowRequest? request,
        IRecordingAccess access, IRecordingCatalog catalog, PlaybackLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindNoteAsync(sessionId, noteId, observersAllowed: false, access, http, shareRead: null, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }
        if (request is not { BeforeSeconds: { } beforeSeconds, AfterSeconds: { } afterSeconds })
        {
            var missing = new List<string>();
            if (request?.BeforeSeconds is null)
            {
                missing.Add("beforeSeconds");
            }
            if (request?.AfterSeconds is null)
            {
                missing.Add("afterSeconds");
            }
            return RecordingProblems.Invalid($"Send both beforeSeconds and afterSeconds; missing: {string.Join(", ", missing)}.", missing);
        }
        if (ClipWindow.FromSeconds(beforeSeconds, afterSeconds, out var error) is not { } window)
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, error!);
        }
        await catalog.SetClipWindowAsync(sessionId, noteId, window, cancellationToken);
        var clips = await SessionClips.LoadAsync(catalog, links, found.State!, http.Request, cancellationToken);
        return await ClipAsync(clips, found.Note!, window, recordingId: null, cancellationToken);
    }

    internal static async Task<Results<Ok<ClipExport>, ProblemHttpResult>> ExportClipAsync(
        string sessionId, Guid noteId, [FromQuery] string[]? beforeSeconds, [FromQuery] string[]? afterSeconds, string? recordingId,
        IRecordingAccess access, IRecordingCatalog catalog, PlaybackLinks links, FfmpegClipExporter exporter, IActivityLog activity, HttpContext http, CancellationToken cancellationToken)
    {
        var (placed, problem) = await PlaceAsync(sessionId, noteId, beforeSeconds, afterSeconds, recordingId, access, catalog, links, http, shareRead: null, cancellationToken);
        if (placed is null)
        {
            return problem!;
        }
        var exported = await exporter.ExportAsync(placed.Recording, noteId, placed.Range, cancellationToken);
        if (exported.Blob is not { } blob)
        {
            return RecordingProblems.From(exported.Error!.Value, exported.Detail!);
        }
        var download = await links.CreateAsync(blob.Name, blob.ContentType, http.Request, cancellationToken);
        await activity.RecordAsync(http, placed.Recording.StudyId, "clip.exported", $"note {noteId} of session {sessionId}",
            string.Create(CultureInfo.InvariantCulture, $"MP4, {placed.Range.StartSeconds:0.#}–{placed.Range.EndSeconds:0.#} s of {placed.Recording.Id}"), cancellationToken);
        return TypedResults.Ok(new ClipExport(noteId, placed.Recording.Id, placed.Range.StartSeconds, placed.Range.EndSeconds, blob.Length, download));
    }

    /// <summary>
    /// Every note of the session with the tag (any letter case, with or without its '#'), as clips in session-clock
    /// order. A tag in neither the study's palette nor any of the session's notes is not found: most likely a typo.
    /// </summary>
    internal static async Task<Results<Ok<HighlightReel>, ProblemHttpResult>> GetHighlightReelAsync(
        string sessionId, string tag, IRecordingAccess access, IStudyStore studies, IRecordingCatalog catalog, PlaybackLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed: true, ShareRead.Highlights(tag), cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        var state = granted.State!;
        var name = tag.TrimStart('#');
        var tagged = state.Notes
            .Where(n => !n.Tags.IsDefault && n.Tags.Contains(name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(n => n.ClockOffsetMs)
            .ThenBy(n => n.Sequence)
            .ToList();

        // The palette's spelling names the reel; a tag since removed from the palette keeps the spelling its notes have.
        var study = await studies.GetForSessionAsync(state, cancellationToken);
        var spelling = study?.FindTag(name)?.Name ?? tagged.FirstOrDefault()?.Tags.First(t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase));
        if (spelling is null)
        {
            return RecordingProblems.From(RecordingErrorCode.TagNotFound, $"#{name} is neither in the study's tag palette nor on any note of this session.");
        }

        var clips = await SessionClips.LoadAsync(catalog, links, state, http.Request, cancellationToken);
        var reel = ImmutableArray.CreateBuilder<Clip>();
        var uncovered = ImmutableArray.CreateBuilder<Guid>();
        foreach (var note in tagged)
        {
            var window = clips.WindowFor(note.Id, null, null, out _)!;
            var placement = clips.Place(note, window, recordingId: null);
            if (placement.Recording is { } recording)
            {
                reel.Add(await clips.ClipAsync(note, window, recording, placement.Range, cancellationToken));
            }
            else
            {
                uncovered.Add(note.Id);
            }
        }
        return TypedResults.Ok(new HighlightReel(spelling, reel.ToImmutable(), uncovered.ToImmutable()));
    }

    private static async Task<Results<Ok<Clip>, ProblemHttpResult>> ClipAsync(
        SessionClips clips, Note note, ClipWindow window, string? recordingId, CancellationToken cancellationToken)
    {
        var placement = clips.Place(note, window, recordingId);
        return placement.Recording is { } recording
            ? TypedResults.Ok(await clips.ClipAsync(note, window, recording, placement.Range, cancellationToken))
            : RecordingProblems.From(placement.Error!.Value, placement.Detail!);
    }

    /// <summary>Where a team member's note clip falls, with the window asked for (or stored, or the default).</summary>
    private static async Task<(PlacedClip? Placed, ProblemHttpResult? Problem)> PlaceAsync(
        string sessionId, Guid noteId, string[]? beforeSeconds, string[]? afterSeconds, string? recordingId,
        IRecordingAccess access, IRecordingCatalog catalog, PlaybackLinks links, HttpContext http, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        // A query that cannot be read is refused before any token is looked at, as the framework refuses one it cannot bind.
        var before = ParseSeconds(beforeSeconds, nameof(beforeSeconds));
        var after = ParseSeconds(afterSeconds, nameof(afterSeconds));
        if ((before.Problem ?? after.Problem) is { } badWindow)
        {
            return (null, badWindow);
        }
        var found = await FindNoteAsync(sessionId, noteId, observersAllowed: true, access, http, shareRead, cancellationToken);
        if (found.Problem is { } denied)
        {
            return (null, denied);
        }

        // A form or a query builder sends an unset field as "recordingId=": that asks for no recording in particular.
        if (string.IsNullOrWhiteSpace(recordingId))
        {
            recordingId = null;
        }
        var clips = await SessionClips.LoadAsync(catalog, links, found.State!, http.Request, cancellationToken);
        if (clips.WindowFor(noteId, before.Seconds, after.Seconds, out var error) is not { } window)
        {
            return (null, RecordingProblems.From(RecordingErrorCode.InvalidRequest, error!));
        }
        var placement = clips.Place(found.Note!, window, recordingId);
        return placement.Recording is { } recording
            ? (new PlacedClip(clips, found.Note!, window, recording, placement.Range), null)
            : (null, RecordingProblems.From(placement.Error!.Value, placement.Detail!));
    }

    /// <summary>
    /// One side of a window from the query: absent, or one number with '.' for decimals. Bound as a double, the query
    /// read "1,5" as 15, and two values, joined by a comma, as one.
    /// </summary>
    private static (double? Seconds, ProblemHttpResult? Problem) ParseSeconds(string[]? values, string name)
    {
        const string number = "must be a number of seconds, with '.' for decimals (2.5)";
        return values switch
        {
            null or [] => (null, null),
            [var value] when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => (seconds, null),
            [_] => (null, RecordingProblems.Invalid($"Query parameter '{name}' {number}.", name)),
            _ => (null, RecordingProblems.Invalid($"Query parameter '{name}' was given {values.Length} times; give it once: it {number}.", name)),
        };
    }

    private static async Task<(Note? Note, ProblemHttpResult? Problem, SessionState? State)> FindNoteAsync(
        string sessionId, Guid noteId, bool observersAllowed, IRecordingAccess access, HttpContext http, ShareRead? shareRead, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed, shareRead, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return (null, denied, null);
        }
        return granted.State!.FindNote(noteId) is { } note
            ? (note, null, granted.State)
            : (null, RecordingProblems.From(RecordingErrorCode.NoteNotFound, $"Session '{sessionId}' has no note '{noteId}'."), granted.State);
    }

    private sealed record PlacedClip(SessionClips Clips, Note Note, ClipWindow Window, Recording Recording, ClipRange Range);
}
