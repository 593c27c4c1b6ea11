using System.Collections.Immutable;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// The state of one session: a fold over its events, rebuilt the same way from the log
/// by the grain, the report and any client that keeps a copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionState")]
public sealed record SessionState(
    string SessionId,
    string StudyId,
    string ParticipantAlias,
    string ModeratorName,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset CreatedAt,
    SessionStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long? DurationMs,
    long Sequence,
    ImmutableList<Note> Notes,
    ImmutableList<TaskAttempt> Attempts,
    string? ActiveTaskId,
    PendingQuestionnaire? Pending,
    ImmutableArray<int>? SusResponses,
    int? StudyVersion = null,
    ImmutableList<TagDefinition>? AddedTags = null)
{
    /// <summary>
    /// The version of its study the session ran with once started; null before it started (it starts with the latest).
    /// Sessions started before studies could be edited have no version in their log: they ran version 1.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? RunsStudyVersion => StartedAt is null ? null : StudyVersion ?? 1;

    public static SessionState? Replay(IEnumerable<SessionEventEnvelope> events)
    {
        SessionState? state = null;
        foreach (var e in events)
        {
            state = state is null ? Create(e) : state.Apply(e);
        }
        return state;
    }

    /// <summary>The first event of every session is <see cref="SessionScheduled"/>.</summary>
    public static SessionState Create(SessionEventEnvelope first) => first.Event switch
    {
        SessionScheduled s => new SessionState(
            first.SessionId, s.StudyId, s.ParticipantAlias, s.ModeratorName, s.ScheduledFor, first.RecordedAt,
            SessionStatus.Scheduled, null, null, null, first.Sequence, [], [], null, null, null),
        _ => throw new InvalidOperationException($"Session {first.SessionId} does not begin with a schedule event."),
    };

    public Note? FindNote(Guid noteId) => Notes.Find(n => n.Id == noteId);

    public TaskAttempt? FindAttempt(string taskId) => Attempts.Find(a => a.TaskId == taskId);

    /// <summary>Milliseconds since the session started, as of <paramref name="now"/>; 0 before it starts.</summary>
    public long ClockAt(DateTimeOffset now) => StartedAt is { } start
        ? Math.Max(0, (long)((EndedAt ?? now) - start).TotalMilliseconds)
        : 0;

    public SessionState Apply(SessionEventEnvelope e)
    {
        var next = e.Event switch
        {
            SessionStarted started => this with { Status = SessionStatus.Live, StartedAt = e.RecordedAt, StudyVersion = started.StudyVersion },
            SessionEnded ended => EndRunningTask(ended) with { Status = SessionStatus.Ended, EndedAt = e.RecordedAt, DurationMs = ended.ClockOffsetMs, ActiveTaskId = null, Pending = null },
            SessionCancelled c => this with { Status = c.NoShow ? SessionStatus.NoShow : SessionStatus.Cancelled },
            NoteAdded n => this with
            {
                Notes = Notes.Add(new Note(n.NoteId, e.Actor, n.ClockOffsetMs, n.Text, n.Tags, n.Kind, n.TaskId, e.Sequence, e.RecordedAt, null)),
            },
            NoteEdited n => ReplaceNote(n.NoteId, note => note with { Text = n.Text, Tags = n.Tags, Kind = n.Kind, EditedAt = e.RecordedAt }),
            NoteDeleted n => this with { Notes = Notes.RemoveAll(note => note.Id == n.NoteId) },
            TaskStarted t => this with
            {
                ActiveTaskId = t.TaskId,
                Pending = null,
                Attempts = Attempts.Add(new TaskAttempt(t.TaskId, t.ClockOffsetMs, null, null, 0, 0, null, null, null)),
            },
            TaskEnded t => ReplaceAttempt(t.TaskId, a => a with
            {
                EndOffsetMs = t.ClockOffsetMs,
                Outcome = t.Outcome,
                Errors = t.Errors,
                Assists = t.Assists,
                Comment = t.Comment,
            }) with { ActiveTaskId = null },
            QuestionnaireRequested q => this with { Pending = new PendingQuestionnaire(q.Kind, q.TaskId) },
            SeqAnswered a => ReplaceAttempt(a.TaskId, attempt => attempt with { SeqRating = a.Rating, SeqComment = a.Comment }) with
            {
                Pending = Pending is { Kind: QuestionnaireKind.Seq } p && p.TaskId == a.TaskId ? null : Pending,
            },
            SusAnswered s => this with
            {
                SusResponses = s.Responses,
                Pending = Pending is { Kind: QuestionnaireKind.Sus } ? null : Pending,
            },
            TagAddedToPalette t => this with { AddedTags = (AddedTags ?? []).Add(t.Tag) },
            SessionScheduled => throw new InvalidOperationException($"Session {SessionId} was scheduled twice."),
            _ => throw new InvalidOperationException($"Unknown event {e.Event.GetType().Name}."),
        };
        return next with { Sequence = e.Sequence };
    }

    /// <summary>
    /// The running task ends with the session. Logs written before sessions recorded it explicitly end it as abandoned,
    /// so no ended session shows a task in progress.
    /// </summary>
    private SessionState EndRunningTask(SessionEnded ended)
    {
        var running = ended.RunningTask ?? (ActiveTaskId is { } active ? new RunningTaskEnded(active, TaskOutcome.Abandoned) : null);
        return running is null
            ? this
            : ReplaceAttempt(running.TaskId, a => a.IsEnded ? a : a with { EndOffsetMs = ended.ClockOffsetMs, Outcome = running.Outcome });
    }

    private SessionState ReplaceNote(Guid noteId, Func<Note, Note> change)
    {
        var index = Notes.FindIndex(n => n.Id == noteId);
        return index < 0 ? this : this with { Notes = Notes.SetItem(index, change(Notes[index])) };
    }

    private SessionState ReplaceAttempt(string taskId, Func<TaskAttempt, TaskAttempt> change)
    {
        var index = Attempts.FindIndex(a => a.TaskId == taskId);
        return index < 0 ? this : this with { Attempts = Attempts.SetItem(index, change(Attempts[index])) };
    }
}
