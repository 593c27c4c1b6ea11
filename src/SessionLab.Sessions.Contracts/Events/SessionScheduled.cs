namespace SessionLab.Sessions;

public sealed record SessionScheduled(string StudyId, string ParticipantAlias, string ModeratorName, DateTimeOffset? ScheduledFor) : SessionEvent;
