namespace SessionLab.Reports;

/// <summary>
/// Ended attempts of a task by outcome. A skipped task was not attempted, so it is left out of <see cref="Attempted"/>;
/// a partial success counts as attempted but not completed. An abandoned task (the session ended while it ran, with no
/// outcome marked) has no known result, so it is left out of <see cref="Attempted"/> too.
/// </summary>
public sealed record OutcomeCounts(int Success, int Partial, int Fail, int Skipped, int Abandoned = 0)
{
    public int Attempted => Success + Partial + Fail;
}
