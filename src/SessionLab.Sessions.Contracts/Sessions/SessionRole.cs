using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.SessionRole")]
public enum SessionRole
{
    Moderator,
    Observer,
    Participant,
}
