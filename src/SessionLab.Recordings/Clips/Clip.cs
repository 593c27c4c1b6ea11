using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Recordings;

/// <summary>
/// A note's moment in a recording. Play <see cref="FragmentUrl"/> (the signed URL with <c>#t=start,end</c>) or seek the
/// player to <see cref="StartSeconds"/> and stop at <see cref="EndSeconds"/>, both on the recording's own timeline.
/// </summary>
public sealed record Clip(
    Guid NoteId,
    string NoteText,
    NoteKind NoteKind,
    ImmutableArray<string> Tags,
    long NoteClockOffsetMs,
    string RecordingId,
    double StartSeconds,
    double EndSeconds,
    double BeforeSeconds,
    double AfterSeconds,
    PlaybackLink Playback,
    string FragmentUrl);
