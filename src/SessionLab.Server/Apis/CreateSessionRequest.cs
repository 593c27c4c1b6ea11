using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public sealed record CreateSessionRequest(string ParticipantAlias, string? ModeratorName, DateTimeOffset? ScheduledFor);
