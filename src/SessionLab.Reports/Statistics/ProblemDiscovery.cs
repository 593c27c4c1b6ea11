namespace SessionLab.Reports;

/// <summary>
/// How likely a usability problem is to show up in a study, and how many participants a study needs to see one: the
/// binomial problem-discovery model, 1 − (1 − p)ⁿ (Sauro and Lewis, Quantifying the User Experience, ch. 7; the model
/// behind Nielsen and Landauer's "five users"). p is the share of users a problem affects.
/// </summary>
public static class ProblemDiscovery
{
    /// <summary>The frequencies and confidence levels of the planner table a report prints.</summary>
    public static IReadOnlyList<double> PlannerFrequencies { get; } = [0.05, 0.10, 0.25, 0.50];

    public static IReadOnlyList<double> PlannerGoals { get; } = [0.80, 0.85, 0.90, 0.95];

    /// <summary>The chance that a problem affecting <paramref name="frequency"/> of users shows up at least once with <paramref name="participants"/>.</summary>
    public static double ChanceToSee(double frequency, int participants)
    {
        ValidateShare(frequency, nameof(frequency));
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        return 1 - Math.Pow(1 - frequency, participants);
    }

    /// <summary>
    /// How many participants see a problem affecting <paramref name="frequency"/> of users at least once with
    /// probability <paramref name="goal"/>: the smallest n with 1 − (1 − p)ⁿ ≥ goal. Null for a problem that affects nobody.
    /// </summary>
    public static int? ParticipantsNeeded(double frequency, double goal)
    {
        ValidateShare(frequency, nameof(frequency));
        if (!(goal > 0 && goal < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(goal), goal, "A goal is a probability strictly between 0 and 1.");
        }
        if (frequency == 0)
        {
            return null;
        }
        if (frequency == 1)
        {
            return 1;
        }
        var n = (int)Math.Ceiling(Math.Log(1 - goal) / Math.Log(1 - frequency));
        // Guard the ceiling against rounding in the logs: the smallest n that reaches the goal, never one short.
        while (n > 1 && ChanceToSee(frequency, n - 1) >= goal)
        {
            n--;
        }
        while (ChanceToSee(frequency, n) < goal)
        {
            n++;
        }
        return Math.Max(1, n);
    }

    /// <summary>The least frequent problem that <paramref name="participants"/> see at least once with probability <paramref name="goal"/>: 1 − (1 − goal)^(1/n).</summary>
    public static double? SmallestFrequencyLikelySeen(int participants, double goal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        return participants == 0 ? null : 1 - Math.Pow(1 - goal, 1.0 / participants);
    }

    private static void ValidateShare(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "A frequency is a share between 0 and 1.");
        }
    }
}
