namespace SessionLab.Reports;

/// <summary>
/// x of n with its adjusted-Wald interval. <see cref="BestEstimate"/> is the small-sample point estimate Lewis and Sauro
/// recommend for the observed proportion (<see cref="Method"/> says which); <see cref="Observed"/> is the plain x/n that
/// tables print beside the counts.
/// </summary>
public sealed record ProportionEstimate(
    int Successes,
    int Trials,
    double Observed,
    double BestEstimate,
    PointEstimateMethod Method,
    Interval Interval);
