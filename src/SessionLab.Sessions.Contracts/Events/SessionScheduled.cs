using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.SessionScheduled")]
public sealed record SessionScheduled(string StudyId, string ParticipantAlias, string ModeratorName, DateTimeOffset? ScheduledFor) : SessionEvent;
