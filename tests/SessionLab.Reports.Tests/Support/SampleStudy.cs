using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>A small ordinary study: three finished sessions, one still live, one not started.</summary>
internal static class SampleStudy
{
    public static readonly DateTimeOffset GeneratedAt = TestStudy.Day.AddDays(2);

    public static StudyReport Report()
    {
        SessionState[] sessions =
        [
            TestStudy.Session("s1", "P1").Start(TestStudy.Day)
                .Task("t1", 10_000, 70_000, TaskOutcome.Success, seq: 6)
                .Note(20_000, "Looks for the menu, then uses search", NoteKind.Observation, "t1", "nav", "search")
                .Note(40_000, "Where would I even start?", NoteKind.Quote, "t1", "nav")
                .Task("t2", 100_000, 220_000, TaskOutcome.Partial, errors: 1, seq: 4)
                .Sus(4, 1, 5, 2, 5, 1, 4, 2, 3, 1).End(1_200_000).State,
            TestStudy.Session("s2", "P2", "Ben").Start(TestStudy.Day.AddHours(2))
                .Task("t1", 0, 95_000, TaskOutcome.Success, seq: 5)
                .Note(50_000, "Search, commas, \"quotes\" and a\nline break", NoteKind.Issue, "t1", "search")
                .Task("t2", 120_000, 400_000, TaskOutcome.Fail, errors: 3, assists: 1, seq: 2)
                .Sus(3, 2, 4, 2, 4, 2, 3, 3, 3, 2).End(1_500_000).State,
            TestStudy.Session("s3", "P3").Start(TestStudy.Day.AddDays(1))
                .Task("t1", 0, 45_000, TaskOutcome.Success, seq: 7)
                .Task("t2", 50_000, 200_000, TaskOutcome.Success, seq: 6)
                .Sus(5, 1, 5, 1, 4, 1, 5, 2, 4, 1).End(900_000).State,
            TestStudy.Session("s4", "P4").Start(GeneratedAt.AddMinutes(-5)).StartTask("t1", 1_000).State,
            TestStudy.Session("s5", "P5").State,
        ];
        return StudyReportBuilder.Build(TestStudy.Create(), sessions, new Dictionary<string, int> { ["nav"] = 3, ["search"] = 2 }, GeneratedAt);
    }
}
