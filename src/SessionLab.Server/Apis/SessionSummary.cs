using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public sealed record SessionSummary(
    string Id,
    string StudyId,
    string ParticipantAlias,
    string ModeratorName,
    SessionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int NoteCount,
    int TasksAttempted)
{
    public static SessionSummary From(SessionState s) => new(
        s.SessionId, s.StudyId, s.ParticipantAlias, s.ModeratorName, s.Status, s.CreatedAt, s.ScheduledFor,
        s.StartedAt, s.EndedAt, s.Notes.Count, s.Attempts.Count);
}
