using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

internal static class TestStudy
{
    public static readonly DateTimeOffset Day = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static Study Create(string id = "study-1", string name = "Checkout study", ImmutableArray<StudyTask>? tasks = null, ImmutableArray<TagDefinition>? tags = null) => new(
        id,
        name,
        "Learn whether shoppers can find and pay for a product.",
        tasks ?? [
            new StudyTask("t1", "Find a product", "Find a blue kettle.", "Kettle page open", null),
            new StudyTask("t2", "Pay", "Buy it.", "Order confirmed", 300),
        ],
        tags ?? [
            new TagDefinition("nav", "#1f77b4", 1),
            new TagDefinition("search", "#ff7f0e", 2),
            new TagDefinition("quote", "#2ca02c", 3),
            new TagDefinition("checkout", "#d62728", null),
        ],
        QuestionnaireSettings.Default,
        Day.AddDays(-7));

    public static SessionScript Session(string id, string alias, string moderator = "Mia", string studyId = "study-1") =>
        new(id, studyId, alias, moderator);
}
