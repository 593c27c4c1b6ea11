using MathNet.Numerics.Distributions;

namespace SessionLab.Reports;

/// <summary>
/// The confidence level of every interval in a report, and the critical values behind them. Quantiles come from
/// MathNet.Numerics rather than tables or hand-written approximations, so any level gives exact critical values.
/// </summary>
public static class Confidence
{
    public const double Default = 0.95;

    /// <summary>The two-sided critical value of the standard normal distribution: 1.959964 for 95%.</summary>
    internal static double Z(double level)
    {
        Validate(level);
        return Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
    }

    /// <summary>The two-sided critical value of Student's t with <paramref name="degreesOfFreedom"/>: 2.570582 for 95% and 5.</summary>
    /// <remarks>Degrees of freedom may be fractional: Welch's test estimates them (Welch–Satterthwaite).</remarks>
    internal static double T(double level, double degreesOfFreedom)
    {
        Validate(level);
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom are a positive, finite number.");
        }
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - ((1 - level) / 2));
    }

    private static void Validate(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A confidence level lies strictly between 0 and 1.");
        }
    }
}
