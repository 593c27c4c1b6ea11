namespace SessionLab.Sessions;

/// <summary>
/// A successful join. The team gets the study (tasks with success criteria, tag palette); the participant gets
/// only <see cref="ParticipantView"/>. <see cref="ServerTime"/> lets a client line its clock up with the session clock.
/// </summary>
public sealed record SessionJoined(
    string SessionId,
    Actor You,
    string IdentityToken,
    long HeadSequence,
    Study? Study,
    ParticipantView? ParticipantView,
    DateTimeOffset ServerTime);
