using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>Writes a session's event log the way the grain would and folds it with the contracts' own fold.</summary>
internal sealed class SessionScript
{
    private static readonly Actor Participant = new("participant", "Participant", SessionRole.Participant);
    private readonly List<SessionEventEnvelope> _events = [];
    private readonly string _sessionId;
    private readonly Actor _moderator;
    private DateTimeOffset _clockStart;

    public SessionScript(string sessionId, string studyId, string alias, string moderator = "Mia")
    {
        _sessionId = sessionId;
        _moderator = new Actor("m-" + moderator, moderator, SessionRole.Moderator);
        _clockStart = TestStudy.Day;
        Append(_moderator, TestStudy.Day, new SessionScheduled(studyId, alias, moderator, TestStudy.Day));
    }

    public SessionState State => SessionState.Replay(_events)!;

    public IReadOnlyList<SessionEventEnvelope> Events => _events;

    /// <param name="studyVersion">The study version the session started with; none, as in logs written before studies could be edited.</param>
    public SessionScript Start(DateTimeOffset at, int? studyVersion = null)
    {
        _clockStart = at;
        return Append(_moderator, at, new SessionStarted(studyVersion));
    }

    public SessionScript Note(long atMs, string text, NoteKind kind = NoteKind.Observation, string? taskId = null, params string[] tags) =>
        Append(_moderator, _clockStart.AddMilliseconds(atMs), new NoteAdded(Guid.NewGuid(), atMs, text, [.. tags], kind, taskId));

    public SessionScript StartTask(string taskId, long atMs) =>
        Append(_moderator, _clockStart.AddMilliseconds(atMs), new TaskStarted(taskId, atMs));

    public SessionScript EndTask(string taskId, long atMs, TaskOutcome outcome, int errors = 0, int assists = 0, string? comment = null) =>
        Append(_moderator, _clockStart.AddMilliseconds(atMs), new TaskEnded(taskId, atMs, outcome, errors, assists, comment));

    public SessionScript Task(string taskId, long startMs, long endMs, TaskOutcome outcome, int errors = 0, int assists = 0, int? seq = null)
    {
        StartTask(taskId, startMs).EndTask(taskId, endMs, outcome, errors, assists);
        return seq is { } rating ? Append(Participant, _clockStart.AddMilliseconds(endMs + 1), new SeqAnswered(taskId, rating, null)) : this;
    }

    public SessionScript Seq(string taskId, int rating, string? comment) =>
        Append(Participant, _events[^1].RecordedAt.AddSeconds(1), new SeqAnswered(taskId, rating, comment));

    public SessionScript Sus(params int[] responses) =>
        Append(Participant, _events[^1].RecordedAt.AddSeconds(1), new SusAnswered([.. responses]));

    public SessionScript End(long atMs) => Append(_moderator, _clockStart.AddMilliseconds(atMs), new SessionEnded(atMs));

    private SessionScript Append(Actor actor, DateTimeOffset at, SessionEvent e)
    {
        _events.Add(new SessionEventEnvelope(_sessionId, _events.Count + 1, Guid.NewGuid(), at, actor, e));
        return this;
    }
}
