using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

public sealed class StudyReportBuilderTests
{
    private static readonly DateTimeOffset GeneratedAt = TestStudy.Day.AddDays(2);
    private static readonly Dictionary<string, int> NoSeverities = [];

    [Fact]
    public void FindingsMatrixHasEveryTagAsRowAndEveryParticipantAsColumn()
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day)
                .Note(60_000, "Cannot find the menu", NoteKind.Issue, "t1", "nav")
                .Note(90_000, "I expected it top right", NoteKind.Quote, "t1", "nav")
                .End(600_000).State,
            TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1))
                .Note(30_000, "Menu hidden behind icon", NoteKind.Issue, "t1", "nav", "NAV")
                .Note(120_000, "Search returns nothing", NoteKind.Issue, "t1", "search")
                .End(600_000).State,
            TestStudy.Session("s3", "P3").Start(TestStudy.Day.AddHours(2))
                .Note(40_000, "Searches again", NoteKind.Observation, "t1", "search")
                .Note(50_000, "Typo kills search", NoteKind.Issue, "t1", "Search", "layout")
                .End(600_000).State,
            TestStudy.Session("s4", "P4").Start(TestStudy.Day.AddHours(3))
                .Note(10_000, "This is lovely", NoteKind.Positive, null, "quote")
                .End(600_000).State,
            TestStudy.Session("s5", "P5").State,
        ];
        var severities = new Dictionary<string, int> { ["NAV"] = 3, ["search"] = 2, ["layout"] = 0 };

        var report = StudyReportBuilder.Build(study, sessions, severities, GeneratedAt);

        Assert.Equal(["s1", "s2", "s3", "s4"], report.Participants.Select(p => p.SessionId));
        // nav 3 × 2/4 = 1.5, search 2 × 2/4 = 1; then the zero-priority rows: rated layout before unrated quote, and the
        // untouched palette tag last.
        Assert.Equal(["nav", "search", "layout", "quote", "checkout"], report.Findings.Select(f => f.Tag));

        var nav = report.Findings[0];
        Assert.Equal(3, nav.Severity);
        Assert.Equal(1.5, nav.Priority);
        Assert.Equal([2, 1, 0, 0], nav.Cells.Select(c => c.NoteCount));
        Assert.Equal(2, nav.ParticipantsAffected);
        Assert.Equal(new ProportionEstimate(2, 4, 0.5, nav.Frequency!.BestEstimate, PointEstimateMethod.Wilson, nav.Frequency.Interval), nav.Frequency);
        Assert.Equal(0.5, nav.Frequency.BestEstimate, 1e-12);
        var quote = Assert.Single(nav.Quotes);
        Assert.Equal(("s1", 90_000L, "I expected it top right"), (quote.SessionId, quote.ClockOffsetMs, quote.Text));
        Assert.Equal([("s1", 60_000L), ("s1", 90_000L), ("s2", 30_000L)], nav.Notes.Select(n => (n.SessionId, n.ClockOffsetMs)));

        var search = report.Findings[1];
        Assert.Equal([0, 1, 2, 0], search.Cells.Select(c => c.NoteCount));
        Assert.Empty(search.Quotes);

        var layout = report.Findings[2];
        Assert.False(layout.InPalette);
        Assert.Equal(0, layout.Severity);

        var quoteRow = report.Findings[3];
        Assert.Null(quoteRow.Severity);
        Assert.Equal("P4", Assert.Single(quoteRow.Quotes).ParticipantLabel);

        var checkout = report.Findings[4];
        Assert.Equal(0, checkout.ParticipantsAffected);
        Assert.Equal(0, checkout.Frequency!.Observed);
        Assert.Empty(checkout.Notes);
    }

    [Fact]
    public void QuotesSpreadAcrossParticipantsBeforeRepeatingOne()
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day)
                .Note(1_000, "first of P1", NoteKind.Quote, null, "nav")
                .Note(2_000, "second of P1", NoteKind.Quote, null, "nav")
                .Note(3_000, "third of P1", NoteKind.Quote, null, "nav").State,
            TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1))
                .Note(9_000, "only of P2", NoteKind.Observation, null, "nav", "quote").State,
        ];

        var nav = StudyReportBuilder.Build(study, sessions, NoSeverities, GeneratedAt).Findings.Single(f => f.Tag == "nav");

        Assert.Equal(["first of P1", "only of P2", "second of P1"], nav.Quotes.Select(q => q.Text));
    }

    [Fact]
    public void TaskMetricsCountSuccessOfAttemptedAndTimeOnlySuccesses()
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day).Task("t1", 10_000, 70_000, TaskOutcome.Success, seq: 6).End(900_000).State,
            TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1)).Task("t1", 0, 90_000, TaskOutcome.Success, errors: 1, seq: 5).End(900_000).State,
            TestStudy.Session("s3", "P3").Start(TestStudy.Day.AddHours(2)).Task("t1", 0, 200_000, TaskOutcome.Fail, errors: 3, assists: 1, seq: 2).End(900_000).State,
            TestStudy.Session("s4", "P4").Start(TestStudy.Day.AddHours(3)).Task("t1", 0, 5_000, TaskOutcome.Skipped).End(900_000).State,
            TestStudy.Session("s5", "P5").Start(TestStudy.Day.AddHours(4)).StartTask("t1", 3_000).State,
        ];

        var report = StudyReportBuilder.Build(study, sessions, NoSeverities, GeneratedAt);
        var t1 = report.Tasks[0];

        Assert.Equal(new OutcomeCounts(2, 0, 1, 1), t1.Outcomes);
        Assert.Equal(1, t1.InProgress);
        Assert.Equal((2, 3), (t1.Completion!.Successes, t1.Completion.Trials));
        Assert.Equal(2, t1.Time!.Count);
        Assert.Equal(Math.Sqrt(60 * 90), t1.Time.Value, 1e-9);
        Assert.Equal(13d / 3, t1.Seq!.Mean, 1e-12);
        Assert.Equal(4d / 3, t1.Errors!.Mean, 1e-12);
        Assert.Equal(1d / 3, t1.Assists!.Mean, 1e-12);
        Assert.Equal([TaskOutcome.Success, TaskOutcome.Success, TaskOutcome.Fail, TaskOutcome.Skipped, null], t1.ByParticipant.Select(c => c.Outcome));
        Assert.True(t1.ByParticipant[4].InProgress);

        var t2 = report.Tasks[1];
        Assert.Equal(2, t2.Number);
        Assert.Null(t2.Completion);
        Assert.Null(t2.Time);
        Assert.Null(t2.Seq);
        Assert.All(t2.ByParticipant, c => Assert.Null(c.Outcome));
    }

    [Fact]
    public void OverviewIncludesLiveSessionsUpToNowAndLeavesScheduledOnesOut()
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1", "Mia").Start(TestStudy.Day).End(1_800_000).State,
            TestStudy.Session("s2", "P2", "Ben").Start(GeneratedAt.AddMinutes(-10)).State,
            TestStudy.Session("s3", "P3", "Zoe").State,
        ];

        var report = StudyReportBuilder.Build(study, sessions, NoSeverities, GeneratedAt);
        var overview = report.Overview;

        Assert.Equal((3, 1, 1, 1, 2), (overview.SessionCount, overview.EndedSessionCount, overview.LiveSessionCount, overview.ScheduledSessionCount, overview.ParticipantCount));
        Assert.Equal<string>(["Ben", "Mia"], overview.Moderators);
        Assert.Equal(1_800_000 + 600_000, overview.TotalObservationMs);
        Assert.Equal(TestStudy.Day, overview.FirstSessionAt);
        Assert.Equal(GeneratedAt.AddMinutes(-10), overview.LastSessionAt);
        Assert.Equal(0.95, overview.ConfidenceLevel);
    }

    [Fact]
    public void SusIsScoredPerParticipantAndSummarisedByTheMean()
    {
        var study = TestStudy.Create();
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day).Sus(4, 1, 5, 2, 5, 1, 4, 2, 3, 1).State,
            TestStudy.Session("s2", "P2").Start(TestStudy.Day.AddHours(1)).Sus(4, 2, 4, 2, 4, 2, 4, 2, 4, 2).State,
            TestStudy.Session("s3", "P3").Start(TestStudy.Day.AddHours(2)).State,
        ];

        var sus = StudyReportBuilder.Build(study, sessions, NoSeverities, GeneratedAt).Sus;

        Assert.Equal([85, 75, null], sus.ByParticipant.Select(r => r.Score));
        Assert.Equal(80, sus.Mean!.Mean);
        Assert.Equal(2, sus.Mean.Count);
        Assert.Equal("A-", sus.Grade!.Letter);
        // A- runs from 78.9 (85th percentile) to 80.7 (89th): 80 is 85 + 4 × 1.1 / 1.8.
        Assert.Equal(87.44, sus.PercentileRank!.Value, 0.01);
    }

    [Fact]
    public void StudyWithoutSessionsReportsNoDataRatherThanFailing()
    {
        var report = StudyReportBuilder.Build(TestStudy.Create(), [], NoSeverities, GeneratedAt);

        Assert.Empty(report.Participants);
        Assert.All(report.Tasks, t => Assert.Null(t.Completion));
        Assert.Null(report.Sus.Mean);
        Assert.Null(report.Sus.Grade);
        Assert.All(report.Findings, f => Assert.Null(f.Frequency));
        Assert.Null(report.Overview.FirstSessionAt);
        Assert.Equal(0, report.Overview.TotalObservationMs);
    }

    [Fact]
    public void DuplicateAliasesGetDistinctColumnLabels()
    {
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day).State,
            TestStudy.Session("s2", "P1").Start(TestStudy.Day.AddHours(1)).State,
        ];

        var report = StudyReportBuilder.Build(TestStudy.Create(), sessions, NoSeverities, GeneratedAt);

        Assert.Equal(["P1 (1)", "P1 (2)"], report.Participants.Select(p => p.Label));
        Assert.Equal(1, report.Overview.ParticipantCount);
    }

    [Fact]
    public void SeverityOutsideNielsenScaleIsRejected()
    {
        var severities = new Dictionary<string, int> { ["nav"] = 5 };

        Assert.Throws<ArgumentOutOfRangeException>(() => StudyReportBuilder.Build(TestStudy.Create(), [], severities, GeneratedAt));
    }

    [Fact]
    public void SessionOfAnotherStudyIsRejected()
    {
        SessionState[] sessions = [TestStudy.Session("s1", "P1", studyId: "other").State];

        Assert.Throws<ArgumentException>(() => StudyReportBuilder.Build(TestStudy.Create(), sessions, NoSeverities, GeneratedAt));
    }

    [Fact]
    public void RawRowsCarryAbsoluteTimesAndEveryQuestionnaireResponse()
    {
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day)
                .Task("t1", 10_000, 70_000, TaskOutcome.Success).Seq("t1", 6, "easy enough")
                .Sus(4, 1, 5, 2, 5, 1, 4, 2, 3, 1).State,
        ];

        var report = StudyReportBuilder.Build(TestStudy.Create(), sessions, NoSeverities, GeneratedAt);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(TestStudy.Day.AddSeconds(10), attempt.StartedAt);
        Assert.Equal(TestStudy.Day.AddSeconds(70), attempt.EndedAt);
        Assert.Equal("Find a product", attempt.TaskTitle);
        Assert.Equal(11, report.Answers.Length);
        Assert.Equal((QuestionnaireKind.Seq, "t1", 6, "easy enough"), (report.Answers[0].Kind, report.Answers[0].TaskId, report.Answers[0].Response, report.Answers[0].Comment));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (int?)i), report.Answers.Skip(1).Select(a => a.Item));
    }

    [Fact]
    public void EachTaskCarriesItsCommentsAndEachFindingItsIdeas()
    {
        var report = TwoRounds.First();

        Assert.Equal(
            [new TaskComment("P1", TaskCommentSource.Participant, TwoRounds.SeqComment), new TaskComment("P2", TaskCommentSource.Moderator, TwoRounds.ModeratorComment)],
            report.Tasks[0].Comments.AsEnumerable());
        Assert.Empty(report.Tasks[1].Comments);
        Assert.Equal([TwoRounds.Idea], report.Findings.Single(f => f.Tag == "nav").Recommendations.Select(n => n.Text));
        Assert.Equal([TwoRounds.UntaggedNote, "Asks whether there is a store locator"], report.UntaggedNotes.Select(n => n.Text));
    }

    [Fact]
    public void EachTaskAndTheSusAreHeldAgainstTheirBenchmarks()
    {
        var report = TwoRounds.First();

        Assert.Equal((0.4, 0.78, 5), (report.Tasks[0].CompletionBenchmark!.Observed, report.Tasks[0].CompletionBenchmark!.Benchmark, report.Tasks[0].CompletionBenchmark!.Count));
        Assert.Equal(5.5, report.Tasks[0].SeqBenchmark!.Benchmark);
        Assert.Equal(3.2, report.Tasks[0].SeqBenchmark!.Observed, 1e-12);
        Assert.Equal((50.625, 68.0), (report.Sus.Benchmark!.Observed, report.Sus.Benchmark.Benchmark));
        Assert.False(report.Sus.Benchmark.Above);
    }
}
