namespace SessionLab.Reports;

/// <summary>Who wrote a <see cref="TaskComment"/>.</summary>
public enum TaskCommentSource
{
    Participant,
    Moderator,
}
