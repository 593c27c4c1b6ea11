namespace SessionLab.Reports;

/// <summary>
/// A comment on one attempt at a task: the participant's, given with their SEQ rating, or the moderator's, given when
/// the attempt ended.
/// </summary>
public sealed record TaskComment(string ParticipantLabel, TaskCommentSource Source, string Text);
