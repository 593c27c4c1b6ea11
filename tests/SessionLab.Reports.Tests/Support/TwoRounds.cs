using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>
/// A checkout study run twice, before and after a redesign, as a team would: five participants a round, untagged notes,
/// a quote typed with its own quotation marks, an idea, the participants' SEQ comments and the moderator's comments.
/// The second round is a new study whose tasks have new ids and another order: rounds are matched by task title.
/// In round 1, 2 of 5 find the product (P3's "Find a product" is the only attempt of P3); in round 2, 5 of 5 do.
/// </summary>
internal static class TwoRounds
{
    public static readonly DateTimeOffset GeneratedAt = TestStudy.Day.AddDays(30);

    public const string UntaggedNote = "Paused on the delivery page for a while";
    public const string QuotedQuote = "\"I'd never find this\"";
    public const string SeqComment = "The filters were hidden";
    public const string ModeratorComment = "Needed a hint about the search box";
    public const string Idea = "Show the search box open on the home page";

    public static StudyReport First() => StudyReportBuilder.Build(
        TestStudy.Create(id: "st_round1", name: "Checkout, round 1"),
        FirstSessions(),
        new Dictionary<string, int> { ["nav"] = 3 },
        GeneratedAt);

    /// <summary>The first round's five sessions, folded, as the store gives them to a report.</summary>
    public static IReadOnlyList<SessionState> FirstSessions() =>
        [
            Session("se_round1_p1", "P1", 0).Task("t1", 0, 140_000, TaskOutcome.Fail, errors: 2)
                .Seq("t1", 2, SeqComment)
                .Note(30_000, QuotedQuote, NoteKind.Quote, "t1", "nav")
                .Note(40_000, Idea, NoteKind.Idea, "t1", "nav")
                .Note(50_000, UntaggedNote)
                .Task("t2", 150_000, 240_000, TaskOutcome.Success, seq: 5)
                .Sus(3, 3, 3, 3, 3, 3, 3, 3, 3, 3).End(600_000).State,
            Session("se_round1_p2", "P2", 1).StartTask("t1", 0).EndTask("t1", 120_000, TaskOutcome.Success, assists: 1, comment: ModeratorComment)
                .Seq("t1", 4, null)
                .Note(20_000, "Scrolls past the search box", NoteKind.Issue, "t1", "nav")
                .Task("t2", 130_000, 200_000, TaskOutcome.Success, seq: 6)
                .Sus(4, 2, 4, 2, 3, 3, 4, 2, 3, 3).End(600_000).State,
            Session("se_round1_p3", "P3", 2).Task("t1", 0, 100_000, TaskOutcome.Success, seq: 5)
                .Note(10_000, "Asks whether there is a store locator").End(600_000).State,
            Session("se_round1_p4", "P4", 3).Task("t1", 0, 180_000, TaskOutcome.Fail, errors: 1, seq: 3)
                .Note(60_000, "Menu labels unclear", NoteKind.Issue, "t1", "nav")
                .Task("t2", 190_000, 260_000, TaskOutcome.Fail, seq: 3)
                .Sus(2, 4, 3, 3, 2, 4, 3, 3, 2, 4).End(600_000).State,
            Session("se_round1_p5", "P5", 4).Task("t1", 0, 160_000, TaskOutcome.Fail, seq: 2)
                .Task("t2", 170_000, 230_000, TaskOutcome.Success, seq: 5)
                .Sus(3, 3, 4, 3, 3, 3, 3, 3, 3, 3).End(600_000).State,
        ];

    public static StudyReport Second() => StudyReportBuilder.Build(
        TestStudy.Create(
            id: "st_round2",
            name: "Checkout, round 2",
            tasks: [
                new StudyTask("r2-pay", "Pay", "Buy it.", "Order confirmed", 300),
                new StudyTask("r2-find", " find a product ", "Find a blue kettle.", "Kettle page open", null),
            ]),
        [
            Session("se_round2_p1", "P1", 10, "st_round2").Task("r2-find", 0, 40_000, TaskOutcome.Success, seq: 7)
                .Task("r2-pay", 50_000, 110_000, TaskOutcome.Success, seq: 6)
                .Sus(5, 1, 5, 1, 5, 1, 5, 1, 5, 1).End(600_000).State,
            Session("se_round2_p2", "P2", 11, "st_round2").Task("r2-find", 0, 55_000, TaskOutcome.Success, seq: 6)
                .Task("r2-pay", 60_000, 140_000, TaskOutcome.Success, seq: 6)
                .Sus(4, 1, 5, 2, 4, 1, 5, 1, 4, 2).End(600_000).State,
            Session("se_round2_p3", "P3", 12, "st_round2").Task("r2-find", 0, 35_000, TaskOutcome.Success, seq: 7)
                .Task("r2-pay", 40_000, 120_000, TaskOutcome.Fail, seq: 4)
                .Sus(5, 2, 4, 1, 5, 2, 4, 1, 5, 1).End(600_000).State,
            Session("se_round2_p4", "P4", 13, "st_round2").Task("r2-find", 0, 60_000, TaskOutcome.Success, seq: 6)
                .Note(20_000, "Went straight to search").End(600_000).State,
            Session("se_round2_p5", "P5", 14, "st_round2").Task("r2-find", 0, 45_000, TaskOutcome.Success, seq: 7)
                .Task("r2-pay", 50_000, 100_000, TaskOutcome.Success, seq: 7)
                .Sus(4, 2, 4, 1, 4, 2, 5, 1, 4, 2).End(600_000).State,
        ],
        new Dictionary<string, int>(),
        GeneratedAt);

    public static StudyReport Compared()
    {
        var second = Second();
        return second with { Comparison = RoundComparer.Compare(second, First()) };
    }

    public static ImmutableArray<string> SessionIds(StudyReport report) => [.. report.Participants.Select(p => p.SessionId)];

    private static SessionScript Session(string id, string alias, int day, string studyId = "st_round1") =>
        TestStudy.Session(id, alias, alias == "P2" ? "Ben" : "Mia", studyId).Start(TestStudy.Day.AddDays(day));
}
