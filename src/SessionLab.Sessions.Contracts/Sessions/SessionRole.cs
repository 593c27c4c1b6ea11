namespace SessionLab.Sessions;

public enum SessionRole
{
    Moderator,
    Observer,
    Participant,
}
