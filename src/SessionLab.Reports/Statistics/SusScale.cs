using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// System Usability Scale: scoring, the Sauro–Lewis curved grading scale and a percentile rank.
/// </summary>
/// <remarks>
/// Scoring (Brooke, 1996): odd items contribute response − 1, even items 5 − response; the sum times 2.5 gives 0–100.
/// Grades: Sauro and Lewis's curved grading scale (Quantifying the User Experience, 2nd ed., 2016, table 8.5), built from
/// 241 studies; A+ from 84.1, F below 51.7. Percentile rank: the same table, which ties each grade band to a range of
/// percentile ranks (A+ 96–100 … F 0–14), read linearly within a band. Real SUS scores are not normally distributed
/// (the table puts 74 at about the 70th percentile where a normal curve of mean 68 and SD 12.5 says 68th, and a D at
/// the 10th), so a normal curve would print a percentile that contradicts the grade printed beside it.
/// </remarks>
public static class SusScale
{
    /// <summary>The average SUS score of the benchmark studies: the 50th percentile, the middle of a C.</summary>
    public const double BenchmarkMean = 68;

    /// <summary>From best to worst; each band runs from its minimum up to the minimum of the band above.</summary>
    public static ImmutableArray<SusGrade> Grades { get; } =
    [
        new("A+", 84.1, 100, 96, 100),
        new("A", 80.8, 84.0, 90, 95),
        new("A-", 78.9, 80.7, 85, 89),
        new("B+", 77.2, 78.8, 80, 84),
        new("B", 74.1, 77.1, 70, 79),
        new("B-", 72.6, 74.0, 65, 69),
        new("C+", 71.1, 72.5, 60, 64),
        new("C", 65.0, 71.0, 41, 59),
        new("C-", 62.7, 64.9, 35, 40),
        new("D", 51.7, 62.6, 15, 34),
        new("F", 0, 51.6, 0, 14),
    ];

    /// <summary>Whether the responses are a complete SUS: ten items, each 1–5.</summary>
    public static bool IsComplete(IReadOnlyList<int>? responses) =>
        responses is { Count: 10 } && responses.All(r => r is >= 1 and <= 5);

    public static double Score(IReadOnlyList<int> responses)
    {
        if (!IsComplete(responses))
        {
            throw new ArgumentException("A SUS answer has ten responses, each from 1 to 5.", nameof(responses));
        }

        var sum = 0;
        for (var i = 0; i < responses.Count; i++)
        {
            // Item i + 1: odd items are worded positively, even items negatively.
            sum += i % 2 == 0 ? responses[i] - 1 : 5 - responses[i];
        }
        return sum * 2.5;
    }

    /// <summary>The grade of a (mean) score; bands are closed below, so 84.05 is still an A.</summary>
    public static SusGrade Grade(double score)
    {
        if (double.IsNaN(score) || score < 0 || score > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A SUS score lies between 0 and 100.");
        }
        return Grades.First(g => score >= g.MinScore);
    }

    /// <summary>
    /// The share of benchmark studies scoring lower, 0–100: the grade band's percentile range, read linearly from the
    /// band's lowest to its highest published score. A score between two published edges (84.05: above A's 84.0, below
    /// A+'s 84.1) takes the top of its band, so the percentile never leaves the range of the grade printed beside it.
    /// </summary>
    public static double PercentileRank(double score)
    {
        var grade = Grade(score);
        var position = Math.Clamp((score - grade.MinScore) / (grade.MaxScore - grade.MinScore), 0, 1);
        return grade.MinPercentile + (position * (grade.MaxPercentile - grade.MinPercentile));
    }
}
