using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// Compares two rounds of a study, task by task: tasks are matched by title (ignoring case and surrounding spaces), since
/// a new round is a new study whose task ids differ. Tasks only one round has are listed without figures. Two groups of
/// one study's sessions are compared the same way, each as the report of its own sessions.
/// </summary>
public static class RoundComparer
{
    /// <summary>Two groups of one study's sessions, each given as the report built from its sessions only, and named.</summary>
    public static RoundComparison CompareGroups(StudyReport first, string firstName, StudyReport second, string secondName)
    {
        ArgumentNullException.ThrowIfNull(first);
        return Compare(first, second) with
        {
            OtherStudyName = secondName,
            Kind = ComparisonKind.Groups,
            Name = firstName,
            ParticipantCount = first.Participants.Length,
        };
    }

    public static RoundComparison Compare(StudyReport report, StudyReport other)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(other);
        var otherByTitle = other.Tasks
            .GroupBy(t => Key(t.Title), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var matched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tasks = ImmutableArray.CreateBuilder<TaskComparison>();
        foreach (var task in report.Tasks)
        {
            if (otherByTitle.TryGetValue(Key(task.Title), out var before) && matched.Add(Key(task.Title)))
            {
                tasks.Add(new TaskComparison(
                    task.Title,
                    task.Number,
                    before.Number,
                    task.Completion is { } now && before.Completion is { } then
                        ? RoundStatistics.CompareProportions(now.Successes, now.Trials, then.Successes, then.Trials)
                        : null,
                    RoundStatistics.CompareTimes(task.SuccessSeconds, before.SuccessSeconds),
                    RoundStatistics.CompareMeans(task.SeqRatings, before.SeqRatings)));
            }
            else
            {
                tasks.Add(new TaskComparison(task.Title, task.Number, null, null, null, null));
            }
        }
        foreach (var task in other.Tasks.Where(t => !matched.Contains(Key(t.Title))))
        {
            tasks.Add(new TaskComparison(task.Title, null, task.Number, null, null, null));
        }
        return new RoundComparison(
            other.Overview.StudyName,
            other.Participants.Length,
            tasks.ToImmutable(),
            RoundStatistics.CompareMeans([.. report.Sus.Scores], [.. other.Sus.Scores]));
    }

    private static string Key(string title) => title.Trim();
}
