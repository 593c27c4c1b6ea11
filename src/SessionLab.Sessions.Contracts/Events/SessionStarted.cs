using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// The session clock starts at this event's recorded time; every offset is measured from it. From here on the session
/// runs with <see cref="StudyVersion"/> of its study, whatever later edits change; sessions started before studies could
/// be edited have none and ran version 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionStarted")]
public sealed record SessionStarted(int? StudyVersion = null) : SessionEvent;
