using System.Globalization;
using System.Text;
using static SessionLab.Reports.ReportText;

namespace SessionLab.Reports;

/// <summary>
/// The report as CommonMark with pipe tables, readout first: what a product team reads in five minutes (goal, who took
/// part, top findings, tasks in words), then the evidence in detail, then the statistics with their methods explained.
/// Every piece of user text goes through <see cref="ReportText.Markdown"/>. The sections are also what
/// <see cref="HtmlReportRenderer"/> converts, chart by chart.
/// </summary>
public static class MarkdownReportRenderer
{
    /// <summary>How many findings the readout lists; the rest are in the findings section.</summary>
    public const int TopFindings = 5;

    /// <summary>The confidence the planner sentences of each finding aim for.</summary>
    private const double PlanningGoal = 0.85;

    public static string Render(StudyReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Render(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the report section by section; the findings, which hold every note, one finding at a time.</summary>
    internal static void Render(StudyReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var section in (string[])[Title(report), Readout(report)])
        {
            writer.Write(section);
            writer.Write('\n');
        }
        foreach (var part in FindingsInParts(report))
        {
            writer.Write(part);
        }
        writer.Write('\n');
        writer.Write(TaskDetail(report));
        writer.Write('\n');
        writer.Write(Statistics(report));
        writer.Flush();
    }

    internal static string Title(StudyReport report)
    {
        var o = report.Overview;
        var running = o.LiveSessionCount > 0 ? " Sessions still running count with what was recorded up to then." : string.Empty;
        return $"""
            # {Markdown(o.StudyName)}: usability test report

            Made {o.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.{running}

            """;
    }

    internal static string Readout(StudyReport report)
    {
        var o = report.Overview;
        var text = new StringBuilder();
        text.Append("## Readout\n\n");
        text.Append($"**Goal:** {(string.IsNullOrWhiteSpace(o.Goal) ? "not stated" : Markdown(o.Goal))}\n\n");
        text.Append($"**Who took part:** {WhoTookPart(report)}\n\n");

        text.Append("### Top findings\n\n");
        var top = report.Findings.Where(IsFinding).Where(f => f.ParticipantsAffected > 0).Take(TopFindings).ToArray();
        if (top.Length == 0)
        {
            text.Append("No tagged note yet: nothing to rank. Every note is listed under Findings in detail.\n\n");
        }
        for (var i = 0; i < top.Length; i++)
        {
            var row = top[i];
            text.Append($"{i + 1}. **#{Markdown(row.Tag)}**: seen with {row.ParticipantsAffected} of {PlainWords.Count(report.Participants.Length, "participant", "participants")}; ");
            text.Append(row.Severity is null ? "severity not rated yet.\n" : $"severity {Severity(row.Severity)}.\n");
            foreach (var quote in row.Quotes)
            {
                text.Append("   - ").Append(Quoted(quote)).Append('\n');
            }
            foreach (var idea in row.Recommendations.Take(2))
            {
                text.Append("   - Recommendation: ").AppendMarkdown(idea.Text).Append(" (").Append(Where(idea)).Append(")\n");
            }
        }
        if (top.Length > 0)
        {
            var more = report.Findings.Where(IsFinding).Count(f => f.ParticipantsAffected > 0) - top.Length;
            text.Append("\nOrdered by severity (set by the team, 0 not a problem to 4 catastrophe) times the share of participants who showed it.");
            text.Append(more > 0 ? $" {PlainWords.Count(more, "more finding is", "more findings are")} under Findings in detail.\n\n" : "\n\n");
        }

        text.Append("### Tasks\n\n");
        if (report.Tasks.IsEmpty)
        {
            text.Append("The study has no tasks.\n\n");
        }
        foreach (var task in report.Tasks)
        {
            text.Append($"{task.Number}. **{Markdown(task.Title)}**: {PlainWords.Completion(task.Completion)}. ");
            text.Append(Capitalised(PlainWords.Time(task.Time))).Append("; ").Append(PlainWords.Seq(task.Seq)).Append('.');
            if (task.InProgress > 0)
            {
                text.Append($" {PlainWords.Count(task.InProgress, "attempt is", "attempts are")} still in progress.");
            }
            text.Append('\n');
        }

        text.Append("\n### How usable it felt (SUS)\n\n");
        text.Append(SusInWords(report.Sus)).Append('\n');

        if (report.Comparison is { } comparison)
        {
            text.Append($"\n### {ComparisonTitle(comparison)}\n\n");
            var other = Markdown(comparison.OtherStudyName);
            if (EmptySide(comparison) is { } empty)
            {
                text.Append($"{Capitalised(Markdown(empty))} has no participants, so there is nothing to compare yet.\n");
                return text.ToString();
            }
            var sides = comparison.Kind == ComparisonKind.Groups ? "groups" : "rounds";
            foreach (var task in comparison.Tasks)
            {
                text.Append($"- **{Markdown(task.Title)}**: ").Append(TaskChangeInWords(task, other, sides)).Append('\n');
            }
            text.Append("- **SUS**: ").Append(comparison.Sus is { } sus ? PlainWords.MeanChange(sus, other, "mean score") + "." : $"one of the {sides} has no SUS answers: nothing to compare.").Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Findings in detail: the matrix of tags by participant, then one part per finding with its quotes and notes, then
    /// the notes without a tag. Each part is complete Markdown on its own, so the HTML renderer converts one at a time
    /// instead of holding every note of a large study in one syntax tree.
    /// </summary>
    internal static IEnumerable<string> FindingsInParts(StudyReport report)
    {
        var text = new StringBuilder();
        text.Append("## Findings in detail\n\n");
        var n = report.Participants.Length;
        if (report.Findings.IsEmpty)
        {
            text.Append("The study has no tags and no note carries one.\n");
        }
        else
        {
            text.Append("One row per tag, one column per participant with how many of their notes carry it (· for none). ");
            text.Append("The share of participants comes with the range the share of all users could lie in (a 95% confidence interval, adjusted-Wald method).\n\n");
            ParticipantHeader(text, report, "Finding", "Severity", "Participants");
            foreach (var row in report.Findings)
            {
                text.Append($"| #{Cell(row.Tag)}{(row.InPalette ? string.Empty : " (not in palette)")} | {Severity(row.Severity)} | {Affected(row)} |");
                text.AppendJoin(string.Empty, row.Cells.Select(c => c.NoteCount == 0 ? " · |" : $" {c.NoteCount} |")).Append('\n');
            }
            if (n > 0 && ProblemDiscovery.SmallestFrequencyLikelySeen(n, PlanningGoal) is { } smallest)
            {
                text.Append($"\nA tag no participant showed is not proof of no problem: with {PlainWords.People(n)}, only problems that affect at least ");
                text.Append($"{Percent(smallest)} of users were {Percent(PlanningGoal)} likely to show up.\n");
            }
        }
        yield return text.ToString();

        foreach (var row in report.Findings.Where(r => !r.Notes.IsEmpty))
        {
            text.Clear();
            text.Append($"\n### {TagName(row)}\n\n");
            if (IsFinding(row))
            {
                text.Append($"Seen with {row.ParticipantsAffected} of {n} participants ({Percent((double)row.ParticipantsAffected / n)}); severity {Severity(row.Severity)}. ");
                text.Append(Discovery(row, n)).Append('\n');
            }
            if (!row.Quotes.IsEmpty)
            {
                text.Append("\nQuotes:\n\n");
                foreach (var quote in row.Quotes)
                {
                    text.Append("> ").Append(Quoted(quote)).Append("\n>\n");
                }
                text.Length -= 2;
            }
            if (!row.Recommendations.IsEmpty)
            {
                text.Append("\nRecommendations:\n\n");
                foreach (var idea in row.Recommendations)
                {
                    text.Append("- ").AppendMarkdown(idea.Text).Append(" (").Append(Where(idea)).Append(")\n");
                }
            }
            text.Append("\nNotes:\n\n");
            foreach (var note in row.Notes)
            {
                AppendNote(text, note);
            }
            yield return text.ToString();
        }

        // Nothing typed during a session may go missing: notes without a tag are listed by participant.
        var untagged = report.UntaggedNotes.Count();
        if (untagged > 0)
        {
            text.Clear();
            text.Append("\n### Notes without a tag\n\n");
            yield return text.Append($"{PlainWords.Count(untagged, "note has", "notes have")} no tag, so no finding above holds them.\n").ToString();
            // One part per participant, like one per finding: a large study's untagged notes are never one string.
            foreach (var group in report.UntaggedNotes.GroupBy(n => n.ParticipantLabel, StringComparer.Ordinal))
            {
                text.Clear();
                text.Append("\n**").AppendMarkdown(group.Key).Append("**\n\n");
                foreach (var note in group)
                {
                    AppendNote(text, note);
                }
                yield return text.ToString();
            }
        }
    }

    internal static string TaskDetail(StudyReport report) => TaskOutcomes(report) + TaskComments(report);

    /// <summary>Each task's outcome per participant; the HTML report puts the charts after it.</summary>
    internal static string TaskOutcomes(StudyReport report)
    {
        var text = new StringBuilder();
        text.Append("## Tasks in detail\n\n");
        if (report.Tasks.IsEmpty)
        {
            return text.Append("The study has no tasks.\n").ToString();
        }
        if (report.Participants.IsEmpty)
        {
            return text.Append("No session has started yet.\n").ToString();
        }
        ParticipantHeader(text, report, "Task");
        foreach (var task in report.Tasks)
        {
            text.Append($"| {task.Number}. {Cell(task.Title)} |").AppendJoin(string.Empty, task.ByParticipant.Select(c => $" {Outcome(c)} |")).Append('\n');
        }
        return text.Append("\nA dash means not attempted; times are h:mm:ss.\n").ToString();
    }

    /// <summary>Each task in words with every comment made on it.</summary>
    internal static string TaskComments(StudyReport report)
    {
        var text = new StringBuilder();
        if (report.Participants.IsEmpty)
        {
            return string.Empty;
        }
        foreach (var task in report.Tasks)
        {
            text.Append($"\n### {task.Number}. {Markdown(task.Title)}\n\n");
            foreach (var earlier in task.EarlierVersions ?? [])
            {
                text.Append(PlainWords.EarlierVersion(earlier, task)).Append("\n\n");
            }
            text.Append(Capitalised(PlainWords.Completion(task.Completion))).Append(". ");
            if (task.Outcomes.Partial > 0)
            {
                text.Append($"{task.Outcomes.Partial} partly completed it (not counted as completed). ");
            }
            if (task.Outcomes.Skipped > 0)
            {
                text.Append($"{task.Outcomes.Skipped} skipped it (not counted as attempted). ");
            }
            if (task.Outcomes.Abandoned > 0)
            {
                text.Append($"{task.Outcomes.Abandoned} had it running when the session ended, with no outcome marked (abandoned, not counted as attempted). ");
            }
            text.Append($"Errors: {PlainWords.Errors(task.Errors)}. Moderator help: {PlainWords.Assists(task.Assists)}.\n");
            if (task.Comments.IsEmpty)
            {
                text.Append("\nNo comments on this task.\n");
                continue;
            }
            text.Append("\nComments:\n\n");
            foreach (var comment in task.Comments)
            {
                text.Append(comment.Source == TaskCommentSource.Participant ? "- " : "- Moderator on ").AppendMarkdown(comment.ParticipantLabel);
                text.Append(comment.Source == TaskCommentSource.Participant ? " (with their ease rating): " : ": ");
                text.Append('“').AppendMarkdown(Unquoted(comment.Text)).Append("”\n");
            }
        }
        return text.ToString();
    }

    internal static string Statistics(StudyReport report) => string.Concat(StatisticsInParts(report));

    /// <summary>
    /// The figures with their methods, each kind explained beside it in plain words: tasks, then SUS, then the rest, so
    /// the HTML report can put the SUS chart beside its table.
    /// </summary>
    internal static IEnumerable<string> StatisticsInParts(StudyReport report)
    {
        var text = new StringBuilder();
        text.Append("## Statistics\n\n");
        text.Append($"Every range below is a {Percent(report.Overview.ConfidenceLevel)} confidence interval: the values the true figure for all your users could take, ");
        text.Append("given how few people were observed. Wide ranges are normal with a handful of participants; they narrow as more people take part.\n");

        text.Append("\n### Task completion, time and ease\n\n");
        text.Append("- **Completed** counts people who completed the task out of those who attempted it; skipped tasks are left out and partial successes do not count. ");
        text.Append("The range uses the adjusted-Wald method, which stays honest with very few people (it never claims 0% or 100% for certain).\n");
        text.Append("- **Typical time** covers people who completed the task. A few slow attempts pull an ordinary average up, so below 25 times it is the geometric mean ");
        text.Append("(the average taken on a log scale, which slow outliers move less); from 25 times on, the median (the middle time).\n");
        text.Append("- **Ease (SEQ)** is the Single Ease Question: right after the task, each participant rates how easy it was from 1 (very difficult) to 7 (very easy).\n\n");
        if (report.Tasks.IsEmpty)
        {
            text.Append("The study has no tasks.\n");
        }
        else
        {
            text.Append("| Task | Completed | Range | Typical time | Time range | Ease (SEQ) | Ease range | Errors | Moderator help |\n|---|---|---|---|---|---|---|---|---|\n");
            foreach (var task in report.Tasks)
            {
                var c = task.Completion;
                text.Append($"| {task.Number}. {Cell(task.Title)} | {(c is null ? NoData : $"{c.Successes} of {c.Trials} ({Percent(c.Observed)})")} | ");
                text.Append(c is null ? NoData : PlainWords.TooFewToTell(c) ? $"{PercentRange(c.Interval)}: too few to tell" : PercentRange(c.Interval)).Append(" | ");
                text.Append(task.Time is { } t ? $"{PlainWords.Duration(t.Value)} ({CentreName(t.Centre)}, {PlainWords.Count(t.Count, "time", "times")})" : NoData).Append(" | ");
                text.Append(task.Time?.Interval is { } ti && PlainWords.TellsSomething(ti) ? $"{PlainWords.Duration(ti.Lower)} to {PlainWords.Duration(ti.Upper)}" : "too few times to tell").Append(" | ");
                text.Append(task.Seq is { } s ? $"{Number(s.Mean)} ({PlainWords.Count(s.Count, "rating", "ratings")})" : NoData).Append(" | ");
                text.Append(task.Seq?.Interval is { } si ? Range(si) : "too few ratings").Append(" | ");
                text.Append($"{PlainWords.Errors(task.Errors)} | {PlainWords.Assists(task.Assists)} |\n");
            }
        }

        yield return text.ToString();
        text.Clear();

        text.Append("\n### System Usability Scale (SUS)\n\n");
        text.Append("Ten questions after the session give a score from 0 to 100. It is not a percentage: the average product scores 68. ");
        text.Append("The grade and percentile come from the Sauro–Lewis curved grading scale, built from several hundred published studies: ");
        text.Append("the percentile says what share of those products scored lower.\n\n");
        if (report.Sus.Mean is { } mean && report.Sus.Grade is { } grade && report.Sus.PercentileRank is { } percentile)
        {
            text.Append($"Mean {Number(mean.Mean)} from {PlainWords.Count(mean.Count, "answer", "answers")}");
            text.Append(mean.Interval is { } range ? $" (range {Range(range)})" : " (too few answers for a range)");
            text.Append($": grade {grade.Letter}, percentile {Number(percentile, 0)}.\n\n");
            text.Append("| Participant | SUS | Grade | Percentile |\n|---|---|---|---|\n");
            foreach (var (participant, result) in report.Participants.Zip(report.Sus.ByParticipant))
            {
                text.Append(result.Score is { } score
                    ? $"| {Cell(participant.Label)} | {Number(score)} | {result.Grade!.Letter} | {Number(result.PercentileRank!.Value, 0)} |\n"
                    : $"| {Cell(participant.Label)} | not answered | | |\n");
            }
        }
        else
        {
            text.Append("No participant has answered the SUS yet: no data.\n");
        }

        yield return text.ToString();
        text.Clear();

        text.Append("\n### Against published averages\n\n");
        text.Append("Each figure against the average of many published studies (Sauro and Lewis, Quantifying the User Experience, ch. 4): SUS 68, ");
        text.Append("ease (SEQ) 5.5, task completion 78%. The p-value is the chance of landing this far above (or below) the average if the product were really just average: ");
        text.Append("below 0.05, chance is an unlikely explanation. Tests: one-sample t test for SUS and SEQ, mid-p binomial test for completion.\n\n");
        text.Append("| Measure | Against the average |\n|---|---|\n");
        if (report.Sus.Benchmark is { } susBenchmark)
        {
            text.Append($"| SUS | {PlainWords.Benchmark(susBenchmark, Score)} |\n");
        }
        foreach (var task in report.Tasks)
        {
            if (task.CompletionBenchmark is { } completion)
            {
                text.Append($"| {task.Number}. {Cell(task.Title)}: completion | {PlainWords.Benchmark(completion, Percent)} |\n");
            }
            if (task.SeqBenchmark is { } seq)
            {
                text.Append($"| {task.Number}. {Cell(task.Title)}: ease | {PlainWords.Benchmark(seq, v => Number(v))} |\n");
            }
        }

        if (report.Comparison is { } comparison)
        {
            text.Append(ComparisonTable(comparison));
        }

        text.Append(Planner(report.Participants.Length));
        yield return text.ToString();
    }

    private static string ComparisonTitle(RoundComparison comparison) => comparison.Name is { } name
        ? $"{Capitalised(Markdown(name))} compared with {Markdown(comparison.OtherStudyName)}"
        : $"Compared with {Markdown(comparison.OtherStudyName)}";

    /// <summary>The side of a comparison of groups that has no sessions: a comparison with nobody says so in words, not in a table of blanks.</summary>
    private static string? EmptySide(RoundComparison comparison) => comparison.Kind != ComparisonKind.Groups
        ? null
        : comparison.ParticipantCount == 0 ? comparison.Name : comparison.OtherParticipantCount == 0 ? comparison.OtherStudyName : null;

    private static string ComparisonTable(RoundComparison comparison)
    {
        var other = Markdown(comparison.OtherStudyName);
        var groups = comparison.Kind == ComparisonKind.Groups;
        var (side, sides) = groups ? ("group", "groups") : ("round", "rounds");
        var text = new StringBuilder();
        text.Append($"\n### {ComparisonTitle(comparison)}\n\n");
        if (EmptySide(comparison) is { } empty)
        {
            return text.Append($"{Capitalised(Markdown(empty))} has no participants, so there is nothing to compare yet.\n").ToString();
        }
        text.Append(groups
            ? $"Two groups of this study's sessions: {Markdown(comparison.Name!)} against {other}, tasks matched by title. "
            : $"This study against {other} ({PlainWords.Count(comparison.OtherParticipantCount, "participant", "participants")}), tasks matched by title. ");
        text.Append($"Completion: N − 1 two-proportion test (Fisher's exact test when a {side} is too small for it), with the adjusted-Wald range of the difference in percentage points. ");
        text.Append(groups
            ? "Time: Welch's t test on log times; the ratio is the first group's typical time divided by the second's (below 1: the first was faster). "
            : "Time: Welch's t test on log times; the ratio is this round's typical time divided by the other's (below 1: faster now). ");
        text.Append($"Ease and SUS: Welch's t test. The p-value is the chance of a difference at least this big if the {sides} were really alike; ");
        text.Append("above 0.05 the data cannot tell a real difference from chance, which does not show there is none. Method: Sauro and Lewis, Quantifying the User Experience, ch. 5.\n\n");
        text.Append(groups
            ? "| Task | Measure | First group | Second group | Difference | Range | p |\n|---|---|---|---|---|---|---|\n"
            : "| Task | Measure | This study | Other | Difference | Range | p |\n|---|---|---|---|---|---|---|\n");
        foreach (var task in comparison.Tasks)
        {
            var title = Cell(task.Title);
            if (task.Number is null || task.OtherNumber is null)
            {
                text.Append(groups
                    ? $"| {title} | | {(task.Number is null ? "not in this group" : "in this group")} | {(task.OtherNumber is null ? "not in the other" : "in the other")} | | | |\n"
                    : $"| {title} | | {(task.Number is null ? "not in this study" : "in this study")} | {(task.OtherNumber is null ? "not in the other" : "in the other")} | | | |\n");
                continue;
            }
            if (task.Completion is { } c)
            {
                text.Append($"| {title} | completion | {c.Successes} of {c.Trials} | {c.OtherSuccesses} of {c.OtherTrials} | {SignedNumber(100 * c.Difference, 0)} points | ");
                text.Append($"{SignedNumber(100 * c.Interval.Lower, 0)} to {SignedNumber(100 * c.Interval.Upper, 0)} | {PlainWords.P(c.PValue)} ({Cell(c.Test)}) |\n");
            }
            if (task.Time is { } t)
            {
                text.Append($"| {title} | typical time | {PlainWords.Duration(t.GeometricMean)} | {PlainWords.Duration(t.OtherGeometricMean)} | ratio {Number(t.Ratio, 2)} | ");
                text.Append($"{(t.RatioInterval is { } ri ? $"{Number(ri.Lower, 2)} to {Number(ri.Upper, 2)}" : "too few")} | {(t.PValue is { } tp ? PlainWords.P(tp) : "not tested")} |\n");
            }
            if (task.Seq is { } s)
            {
                text.Append($"| {title} | ease (SEQ) | {Number(s.Mean)} | {Number(s.OtherMean)} | {SignedNumber(s.Difference, 1)} | ");
                text.Append($"{(s.Interval is { } si ? $"{SignedNumber(si.Lower, 1)} to {SignedNumber(si.Upper, 1)}" : "too few")} | {(s.PValue is { } sp ? PlainWords.P(sp) : "not tested")} |\n");
            }
        }
        if (comparison.Sus is { } sus)
        {
            text.Append($"| All | SUS | {Number(sus.Mean)} | {Number(sus.OtherMean)} | {SignedNumber(sus.Difference, 1)} | ");
            text.Append($"{(sus.Interval is { } i ? $"{SignedNumber(i.Lower, 1)} to {SignedNumber(i.Upper, 1)}" : "too few")} | {(sus.PValue is { } p ? PlainWords.P(p) : "not tested")} |\n");
        }
        return text.ToString();
    }

    private static string Planner(int participants)
    {
        var text = new StringBuilder();
        text.Append("\n### How many participants\n\n");
        text.Append("A problem that affects a share p of users shows up at least once among n participants with probability 1 − (1 − p)ⁿ ");
        text.Append("(the problem-discovery model, Sauro and Lewis, ch. 7). The table gives how many participants it takes to see a problem of each frequency at least once, ");
        text.Append("with each level of confidence.\n\n");
        text.Append("| Problem affects | ").AppendJoin(" | ", ProblemDiscovery.PlannerGoals.Select(g => $"{Percent(g)} sure")).Append(" |\n|---|");
        text.Append(string.Concat(ProblemDiscovery.PlannerGoals.Select(_ => "---|"))).Append('\n');
        foreach (var frequency in ProblemDiscovery.PlannerFrequencies)
        {
            text.Append($"| {Percent(frequency)} of users | ").AppendJoin(" | ", ProblemDiscovery.PlannerGoals.Select(g => ProblemDiscovery.ParticipantsNeeded(frequency, g)!.Value.ToString(CultureInfo.InvariantCulture))).Append(" |\n");
        }
        if (participants > 0)
        {
            var needed = ProblemDiscovery.ParticipantsNeeded(0.10, PlanningGoal)!.Value;
            text.Append($"\nThis study observed {PlainWords.People(participants)}. ");
            text.Append(needed > participants
                ? $"To be {Percent(PlanningGoal)} sure of seeing problems that affect 1 user in 10, test {needed - participants} more (for {needed} in all).\n"
                : $"That is enough to be {Percent(PlanningGoal)} sure of seeing problems that affect 1 user in 10.\n");
        }
        return text.ToString();
    }

    private static string WhoTookPart(StudyReport report)
    {
        var o = report.Overview;
        var participants = report.Participants;
        if (participants.IsEmpty)
        {
            return (o.ScheduledSessionCount > 0
                ? $"nobody yet; {PlainWords.Count(o.ScheduledSessionCount, "session is", "sessions are")} scheduled."
                : "nobody yet.") + CalledOff(o);
        }
        var text = new StringBuilder();
        text.Append(PlainWords.Count(participants.Length, "participant", "participants"));
        if (participants.Length <= 12)
        {
            text.Append(" (").AppendJoin(", ", participants.Select(p => Markdown(p.Label))).Append(')');
        }
        var dates = o.FirstSessionAt is { } first && o.LastSessionAt is { } last
            ? Date(first) == Date(last) ? $" on {Date(first)}" : $" from {Date(first)} to {Date(last)}"
            : string.Empty;
        text.Append(dates);
        if (!o.Moderators.IsEmpty)
        {
            text.Append(", moderated by ").Append(PlainWords.List([.. o.Moderators.Select(Markdown)]));
        }
        text.Append($"; {Duration(o.TotalObservationMs)} observed in all.");
        var live = participants.Where(p => p.Status == Sessions.SessionStatus.Live).Select(p => Markdown(p.Label)).ToArray();
        if (live.Length > 0)
        {
            text.Append($" Still running: {string.Join(", ", live)}; their figures count what was recorded so far.");
        }
        if (o.ScheduledSessionCount > 0)
        {
            text.Append($" {PlainWords.Count(o.ScheduledSessionCount, "more session is", "more sessions are")} scheduled.");
        }
        text.Append(CalledOff(o));
        return text.ToString();
    }

    /// <summary>Sessions that never ran, said plainly so the number who took part is not read as the number planned.</summary>
    private static string CalledOff(ReportOverview o)
    {
        var parts = new List<string>();
        if (o.NoShowSessionCount > 0)
        {
            parts.Add($"{PlainWords.Count(o.NoShowSessionCount, "participant", "participants")} did not show up");
        }
        if (o.CancelledSessionCount > 0)
        {
            parts.Add($"{PlainWords.Count(o.CancelledSessionCount, "session was", "sessions were")} cancelled");
        }
        if (parts.Count == 0)
        {
            return string.Empty;
        }
        var ran = o.EndedSessionCount + o.LiveSessionCount;
        return $" {(ran == 0 ? "No session" : PlainWords.Count(ran, "session", "sessions"))} ran; {PlainWords.List([.. parts])}.";
    }

    private static string SusInWords(SusReport sus)
    {
        if (sus.Mean is not { } mean || sus.Grade is not { } grade || sus.PercentileRank is not { } percentile)
        {
            return "No participant has answered the SUS yet.";
        }
        var text = $"Average score {Number(mean.Mean)} of 100 from {PlainWords.People(mean.Count)}: grade {grade.Letter}, "
            + $"better than about {Number(percentile, 0)}% of products in the published benchmark.";
        if (mean.Count == 1)
        {
            return text + " One person's answer is too few to say how others would rate it.";
        }
        return sus.Benchmark is { } benchmark ? $"{text} Against the average product: {PlainWords.Benchmark(benchmark, Score)}." : text;
    }

    private static string TaskChangeInWords(TaskComparison task, string other, string sides)
    {
        if (task.Number is null)
        {
            return $"only in {other}.";
        }
        if (task.OtherNumber is null)
        {
            return $"not in {other}: nothing to compare.";
        }
        var parts = new List<string>();
        if (task.Completion is { } c)
        {
            parts.Add(PlainWords.CompletionChange(c, other));
        }
        if (task.Time is { } t)
        {
            parts.Add(PlainWords.TimeChange(t, other));
        }
        if (task.Seq is { } s)
        {
            parts.Add(PlainWords.MeanChange(s, other, "ease"));
        }
        return parts.Count == 0 ? $"no finished attempt in one of the {sides}: nothing to compare." : Capitalised(string.Join(". ", parts.Select(Capitalised))) + ".";
    }

    private static string Discovery(FindingRow row, int participants)
    {
        if (participants == 0 || row.ParticipantsAffected == 0)
        {
            return string.Empty;
        }
        var frequency = (double)row.ParticipantsAffected / participants;
        var chance = ProblemDiscovery.ChanceToSee(frequency, participants);
        var needed = ProblemDiscovery.ParticipantsNeeded(frequency, PlanningGoal)!.Value;
        return $"A problem that affects {Percent(frequency)} of users shows up at least once with {PlainWords.People(participants)} "
            + $"{Percent(chance)} of the time; {PlainWords.Count(needed, "participant is", "participants are")} enough to be {Percent(PlanningGoal)} sure of seeing one this common."
            + (participants < 5 ? " With this few people, the true share could be much lower or higher than seen." : string.Empty);
    }

    /// <summary>Tags that mark evidence rather than name a problem ("quote") rank no finding of their own.</summary>
    private static bool IsFinding(FindingRow row) => !string.Equals(row.Tag, StudyReportBuilder.QuoteTag, StringComparison.OrdinalIgnoreCase);

    /// <summary>A table header of fixed columns followed by one column per participant.</summary>
    private static void ParticipantHeader(StringBuilder text, StudyReport report, params string[] columns)
    {
        var labels = columns.Concat(report.Participants.Select(p => Cell(p.Label))).ToArray();
        text.Append("| ").AppendJoin(" | ", labels).Append(" |\n|").Append(string.Concat(Enumerable.Repeat("---|", labels.Length))).Append('\n');
    }

    private static string TagName(FindingRow row) => "#" + Markdown(row.Tag) + (row.InPalette ? string.Empty : " (not in palette)");

    private static string Affected(FindingRow row) => row.Frequency is { } f
        ? $"{f.Successes} of {f.Trials} ({Percent(f.Observed)}, range {PercentRange(f.Interval)})"
        : NoData;

    private static string Quoted(NoteReference quote) => $"“{Markdown(Unquoted(quote.Text))}” ({Where(quote)})";

    private static void AppendNote(StringBuilder text, NoteReference note) =>
        AppendWhere(text.Append("- "), note).Append(", ").Append(Lower(note.Kind)).Append(": ").AppendMarkdown(note.Text).Append('\n');

    private static string Where(NoteReference note) => AppendWhere(new StringBuilder(), note).ToString();

    /// <remarks>
    /// Readers know participants by alias; session ids are for the CSV exports. The clip URL is built by the server from
    /// ids and an absolute http(s) base, and percent-encoded: safe in a link.
    /// </remarks>
    private static StringBuilder AppendWhere(StringBuilder text, NoteReference note)
    {
        text.AppendMarkdown(note.ParticipantLabel).Append(" at ").Append(Clock(note.ClockOffsetMs));
        return note.ClipUrl is { } clip ? text.Append(" · [▶ clip](<").Append(clip).Append(">)") : text;
    }

    /// <summary>A mean score with one decimal, or none when it is whole: "68", "50.6".</summary>
    private static string Score(double value) => Number(value, value == Math.Round(value) ? 0 : 1);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string SignedNumber(double value, int decimals)
    {
        var text = Number(Math.Abs(value), decimals);
        return text == Number(0, decimals) ? text : (value > 0 ? "+" : "−") + text;
    }
}
