using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// The task as some sessions ran it, before the study was edited: <see cref="Participants"/> (labels, in participant
/// order) ran <see cref="Task"/> from <see cref="StudyVersion"/> instead of the task as it is now.
/// </summary>
public sealed record TaskEarlierVersion(int StudyVersion, StudyTask Task, ImmutableArray<string> Participants);
