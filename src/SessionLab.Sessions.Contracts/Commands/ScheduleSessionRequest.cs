using Orleans;

namespace SessionLab.Sessions;

/// <summary>Creates a session of a study. The participant alias is a pseudonym ("P4"), never a real name by default.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.ScheduleSessionRequest")]
public sealed record ScheduleSessionRequest(Guid CommandId, string StudyId, string ParticipantAlias, string ModeratorName, DateTimeOffset? ScheduledFor) : ISessionCommand
{
    /// <summary>The moderator name of a session scheduled without one: a placeholder, so the moderator is asked for their name on joining.</summary>
    public const string UnnamedModerator = "Moderator";
}
