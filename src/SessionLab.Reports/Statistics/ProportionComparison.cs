namespace SessionLab.Reports;

/// <summary>
/// Two observed rates compared: this round's x of n against another's. <see cref="Difference"/> is the observed
/// difference (this − other); <see cref="Interval"/> is the adjusted-Wald interval of the difference; <see cref="PValue"/>
/// is two-sided, from the N − 1 two-proportion test or, when an expected cell count is below 1, Fisher's exact test
/// (<see cref="Test"/> says which).
/// </summary>
public sealed record ProportionComparison(
    int Successes,
    int Trials,
    int OtherSuccesses,
    int OtherTrials,
    double Difference,
    Interval Interval,
    double PValue,
    string Test);
