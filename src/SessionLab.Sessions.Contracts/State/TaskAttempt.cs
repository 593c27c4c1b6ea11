using Orleans;

namespace SessionLab.Sessions;

/// <summary>One participant's attempt at one task, with the moderator's marks and the participant's SEQ answer.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.TaskAttempt")]
public sealed record TaskAttempt(
    string TaskId,
    long StartOffsetMs,
    long? EndOffsetMs,
    TaskOutcome? Outcome,
    int Errors,
    int Assists,
    string? Comment,
    int? SeqRating,
    string? SeqComment)
{
    public bool IsEnded => EndOffsetMs is not null;

    public long? DurationMs => EndOffsetMs - StartOffsetMs;
}
