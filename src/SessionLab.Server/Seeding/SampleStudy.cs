using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Server.Seeding;

/// <summary>A realistic study a new user can run a session of straight away.</summary>
internal static class SampleStudy
{
    public static StudyDraft Draft { get; } = new(
        "Checkout redesign — round 2",
        "Find out whether first-time shoppers can buy, pay and change an order in the redesigned checkout without help.",
        [
            new StudyTaskDraft(
                "Find a product",
                "You need a waterproof jacket for a hiking trip, under €150. Find one you would buy and open its page.",
                "Opens the page of a waterproof jacket priced under €150 using search or the category menu.",
                180),
            new StudyTaskDraft(
                "Add to basket and check out",
                "Add the jacket in your size to the basket and go through checkout up to the payment step.",
                "Reaches the payment step with the right size in the basket; does not abandon at the delivery options.",
                300),
            new StudyTaskDraft(
                "Apply a discount code",
                "You received the code SPRING10 by email. Use it so the order is cheaper.",
                "Finds the discount field (collapsed under 'Order summary') and sees the 10% reduction applied.",
                180),
            new StudyTaskDraft(
                "Change the delivery address",
                "You realise the jacket should go to your office instead. Change the delivery address before paying.",
                "Edits the address from the review step without losing the basket or the discount.",
                240),
        ],
        [
            new TagDefinition("confusion", "#b45309", 1),
            new TagDefinition("bug", "#b91c1c", 2),
            new TagDefinition("quote", "#1d4ed8", 3),
            new TagDefinition("delight", "#15803d", 4),
            new TagDefinition("navigation", "#7e22ce", 5),
            new TagDefinition("pricing", "#0f766e", 6),
        ],
        QuestionnaireSettings.Default);

    public const string ParticipantAlias = "P1";
    public const string ModeratorName = ScheduleSessionRequest.UnnamedModerator;
}
