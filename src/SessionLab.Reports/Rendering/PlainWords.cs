using System.Globalization;
using static SessionLab.Reports.ReportText;

namespace SessionLab.Reports;

/// <summary>
/// Figures said in words a product manager reads without a statistics course: what was seen, how far it can be
/// trusted with this many people, and when the sample is too small to say anything.
/// </summary>
internal static class PlainWords
{
    /// <summary>An interval this wide (in share of people) says little more than "somewhere between none and all".</summary>
    private const double AlmostEverything = 0.8;

    /// <summary>Below this p-value chance is an unlikely explanation of a difference; the usual 5 % line.</summary>
    private const double Significance = 0.05;

    public static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>"The sessions with P1 and P2 ran an earlier version of this task (study version 1): its title was “…”."</summary>
    public static string EarlierVersion(TaskEarlierVersion earlier, TaskReport now)
    {
        var changes = new List<string>();
        var then = earlier.Task;
        if (then.Title != now.Title)
        {
            changes.Add($"its title was “{Markdown(then.Title)}”");
        }
        changes.Add($"its instructions were “{Markdown(then.Instructions)}”");
        if (!string.IsNullOrEmpty(then.SuccessCriteria))
        {
            changes.Add($"success meant “{Markdown(then.SuccessCriteria)}”");
        }
        changes.Add(then.TimeLimitSeconds is { } limit ? $"its time limit was {limit} seconds" : "it had no time limit");
        var who = earlier.Participants.Length == 1 ? "The session with " : "The sessions with ";
        return $"{who}{Markdown(List(earlier.Participants))} ran an earlier version of this task (study version {earlier.StudyVersion}): {List(changes)}.";
    }

    public static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    /// <summary>Whether x of n is too few to estimate a rate: one trial, or an interval spanning nearly everything.</summary>
    public static bool TooFewToTell(ProportionEstimate estimate) =>
        estimate.Trials < 2 || estimate.Interval.Upper - estimate.Interval.Lower >= AlmostEverything;

    public static string Completion(ProportionEstimate? estimate)
    {
        if (estimate is null)
        {
            return "nobody has finished an attempt yet";
        }
        var seen = $"{estimate.Successes} of {estimate.Trials} completed";
        if (estimate.Trials == 1)
        {
            return $"{seen}; one person is too few to tell how many users would complete it";
        }
        var range = $"{Percent(estimate.Interval.Lower)} to {Percent(estimate.Interval.Upper)}";
        return TooFewToTell(estimate)
            ? $"{seen}; with {estimate.Trials} people the true rate could be almost anything ({range}), too few to tell"
            : $"{seen}; with {estimate.Trials} people the true rate could be anywhere from {range}";
    }

    public static string Time(TimeEstimate? estimate) => estimate switch
    {
        null => "no completed attempt to time",
        { Count: 1 } => $"the one person who completed it took {Duration(estimate.Value)}",
        { Interval: null } => $"those who completed it each took {Duration(estimate.Value)}",
        { Interval: { } interval } when TellsSomething(interval) =>
            $"those who completed it typically took {Duration(estimate.Value)} (likely between {Duration(interval.Lower)} and {Duration(interval.Upper)})",
        _ => $"those who completed it typically took {Duration(estimate.Value)} (too few times to say how typical that is)",
    };

    /// <summary>
    /// Whether a time interval says something: one whose top is more than ten times its bottom (two times give 0 s to
    /// 111 h for 30 s and 2 min) only says that there were too few times.
    /// </summary>
    public static bool TellsSomething(Interval timeInterval) => timeInterval.Upper <= 10 * timeInterval.Lower;

    public static string Seq(MeanEstimate? estimate) => estimate is null
        ? "ease not rated"
        : $"ease rated {Number(estimate.Mean)} of 7 on average ({Count(estimate.Count, "rating", "ratings")})";

    /// <summary>Totals rather than a mean with an interval: "2 errors in 2 attempts" reads at a glance, "1.00 (0.00–13.71)" does not.</summary>
    public static string Errors(MeanEstimate? estimate) => estimate is null
        ? NoData
        : Total(estimate) == 0
            ? $"no errors in {Count(estimate.Count, "attempt", "attempts")}"
            : $"{Count(Total(estimate), "error", "errors")} in {Count(estimate.Count, "attempt", "attempts")}";

    public static string Assists(MeanEstimate? estimate) => estimate is null
        ? NoData
        : Total(estimate) == 0
            ? $"no help needed in {Count(estimate.Count, "attempt", "attempts")}"
            : $"helped {Count(Total(estimate), "time", "times")} in {Count(estimate.Count, "attempt", "attempts")}";

    /// <summary>A span of time as people say it: "45 s", "1 min 05 s", "1 h 02 min".</summary>
    public static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes:00} min"
            : time.TotalMinutes >= 1 ? $"{(int)time.TotalMinutes} min {time.Seconds:00} s"
            : $"{time.Seconds} s";
    }

    public static string PValue(double p) => p < 0.001 ? "p < 0.001" : "p = " + P(p);

    /// <summary>A p-value with the digits that matter near the 0.05 line: 0.0495 is not printed as 0.050.</summary>
    public static string P(double p) => p < 0.001 ? "< 0.001" : p.ToString(p < 0.1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>What a p-value means for a difference, in words.</summary>
    public static string Chance(double? p) => p switch
    {
        null => "too few values to test whether this is more than chance",
        < Significance => $"unlikely to be chance ({PValue(p.Value)})",
        _ => $"this could well be chance ({PValue(p.Value)})",
    };

    public static string Benchmark(BenchmarkComparison comparison, Func<double, string> format)
    {
        var side = comparison.Observed == comparison.Benchmark ? "level with" : comparison.Above ? "above" : "below";
        var verdict = comparison.PValue switch
        {
            null => "too few values to tell whether the difference is more than chance",
            < Significance => $"the difference is unlikely to be chance ({PValue(comparison.PValue.Value)})",
            _ => $"with {People(comparison.Count)} this could well be chance ({PValue(comparison.PValue.Value)})",
        };
        return comparison.Observed == comparison.Benchmark
            ? $"{format(comparison.Observed)}, level with the published average of {format(comparison.Benchmark)}"
            : $"{format(comparison.Observed)}, {side} the published average of {format(comparison.Benchmark)}; {verdict}";
    }

    public static string CompletionChange(ProportionComparison c, string otherName)
    {
        var points = (int)Math.Round(100 * c.Difference, MidpointRounding.AwayFromZero);
        var change = points == 0 ? "the same rate" : $"{Math.Abs(points)} points {(points > 0 ? "higher" : "lower")}";
        return $"completion {c.Successes} of {c.Trials} ({Percent((double)c.Successes / c.Trials)}) against {c.OtherSuccesses} of {c.OtherTrials} "
            + $"({Percent((double)c.OtherSuccesses / c.OtherTrials)}) in {otherName}: {change}; the true change could be anywhere from "
            + $"{SignedPoints(c.Interval.Lower)} to {SignedPoints(c.Interval.Upper)} points; {Chance(c.PValue)}";
    }

    public static string TimeChange(TimeComparison c, string otherName)
    {
        var range = c.RatioInterval is { } interval
            ? $" (the true ratio could be anywhere from {Times(interval.Lower)} to {Times(interval.Upper)})"
            : string.Empty;
        return $"typical time {Duration(c.GeometricMean)} against {Duration(c.OtherGeometricMean)} in {otherName}: "
            + $"{Times(c.Ratio)} as long{range}; {Chance(c.PValue)}";
    }

    public static string MeanChange(MeanComparison c, string otherName, string what, int decimals = 1)
    {
        var change = Math.Round(c.Difference, decimals) == 0 ? "the same" : $"{Number(Math.Abs(c.Difference), decimals)} {(c.Difference > 0 ? "higher" : "lower")}";
        var range = c.Interval is { } interval
            ? $" (the true difference could be anywhere from {Signed(interval.Lower, decimals)} to {Signed(interval.Upper, decimals)})"
            : string.Empty;
        return $"{what} {Number(c.Mean, decimals)} against {Number(c.OtherMean, decimals)} in {otherName}: {change}{range}; {Chance(c.PValue)}";
    }

    public static string Times(double ratio) => Number(ratio, 2) + " times";

    private static string SignedPoints(double difference) => Signed(100 * difference, 0);

    private static string Signed(double value, int decimals)
    {
        var text = Number(Math.Abs(value), decimals);
        return Number(value, decimals) == Number(0, decimals) ? text : value > 0 ? "+" + text : "−" + text;
    }

    private static int Total(MeanEstimate estimate) => (int)Math.Round(estimate.Mean * estimate.Count, MidpointRounding.AwayFromZero);
}
