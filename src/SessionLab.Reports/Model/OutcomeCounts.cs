namespace SessionLab.Reports;

/// <summary>
/// Ended attempts of a task by outcome. A skipped task was not attempted, so it is left out of <see cref="Attempted"/>;
/// a partial success counts as attempted but not completed.
/// </summary>
public sealed record OutcomeCounts(int Success, int Partial, int Fail, int Skipped)
{
    public int Attempted => Success + Partial + Fail;
}
