using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace SessionLab.Sessions.Tests.Contracts;

/// <summary>
/// Everything that crosses a grain call survives Orleans' serializer unchanged. A type missing its attributes fails only
/// at run time (CodecNotFoundException), so every serializable contract type must have a sample here.
/// </summary>
public sealed class ContractSerializationTests
{
    private static readonly Actor Moderator = new("a_1", "Morgan", SessionRole.Moderator);
    private static readonly DateTimeOffset When = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static readonly Study Study = new(
        "st_1", "Checkout", "Can people pay?",
        [new StudyTask("t1", "Find a jacket", "Under €150.", "Opens a jacket page.", 120)],
        [new TagDefinition("confusion", "#b45309", 1)],
        new QuestionnaireSettings(), When, Version: 3, ChangedAt: When, ChangedById: "m_1", ChangedByName: "Ada");

    private static readonly ParticipantView View = new("se_1", "Checkout", SessionStatus.Live, 1, new ParticipantTask("t1", 1, "Find a jacket", "Under €150."), new QuestionnairePrompt(QuestionnaireKind.Seq, "t1", "Find a jacket"), 7);

    private static readonly SessionEventEnvelope Envelope = new("se_1", 3, Guid.NewGuid(), When, Moderator, new NoteAdded(Guid.NewGuid(), 1_500, "Hesitated", ["confusion"], NoteKind.Quote, "t1"));

    /// <summary>One sample of every serializable contract type (values of enums count through the records that hold them).</summary>
    public static TheoryData<object> Samples =>
    [
        Moderator,
        Study,
        new StudyTask("t2", "Check out", "Buy it.", "Reaches payment.", null),
        new TagDefinition("quote", "#1d4ed8", null),
        new QuestionnaireSettings(SeqAfterEachTask: false, SusAtEnd: true),
        new StudyDraft("Checkout", "Goal", [new StudyTaskDraft("T", "I", null, 60)], [new TagDefinition("bug", "#b91c1c", 2)], new QuestionnaireSettings()),
        new StudyTaskDraft("T", "I", "C", null, "t1"),
        Envelope,
        new SessionScheduled("st_1", "P1", "Morgan", When),
        new SessionStarted(StudyVersion: 2),
        new SessionEnded(60_000),
        new SessionEnded(90_000, new RunningTaskEnded("t1", TaskOutcome.Abandoned)),
        new RunningTaskEnded("t1", TaskOutcome.Success),
        new TagAddedToPalette(new TagDefinition("pricing", "#4b5563", null)),
        new SessionCancelled(true),
        new NoteAdded(Guid.NewGuid(), 2_000, "Said \"where is it?\"", [], NoteKind.Observation, null),
        new NoteEdited(Guid.NewGuid(), "edited", ["confusion"], NoteKind.Issue),
        new NoteDeleted(Guid.NewGuid()),
        new TaskStarted("t1", 5_000),
        new TaskEnded("t1", 45_000, TaskOutcome.Partial, 2, 1, "needed a hint"),
        new QuestionnaireRequested(QuestionnaireKind.Sus, null),
        new SeqAnswered("t1", 5, "fine"),
        new SusAnswered([4, 2, 4, 1, 5, 2, 4, 2, 4, 1]),
        new ScheduleSessionRequest(Guid.NewGuid(), "st_1", "P1", "Morgan", null),
        new StartSessionRequest(Guid.NewGuid()),
        new EndSessionRequest(Guid.NewGuid()),
        new EndSessionRequest(Guid.NewGuid(), TaskOutcome.Partial),
        new CancelSessionRequest(Guid.NewGuid(), false),
        new DeleteSessionRequest(Guid.NewGuid()),
        new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 1_000, "note", ["confusion"], NoteKind.Idea),
        new EditNoteRequest(Guid.NewGuid(), Guid.NewGuid(), "text", [], NoteKind.Positive),
        new DeleteNoteRequest(Guid.NewGuid(), Guid.NewGuid()),
        new StartTaskRequest(Guid.NewGuid(), "t1"),
        new EndTaskRequest(Guid.NewGuid(), "t1", TaskOutcome.Fail, 3, 0, null),
        new AskQuestionnaireRequest(Guid.NewGuid(), QuestionnaireKind.Seq, "t1"),
        new AnswerSeqRequest(Guid.NewGuid(), "t1", 6, "ok"),
        new AnswerSusRequest(Guid.NewGuid(), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]),
        new AddPaletteTagRequest(Guid.NewGuid(), "pricing"),
        CommandResult.Accepted(9),
        CommandResult.Rejected(SessionErrorCode.NoteTooLong, "Notes are at most 2,000 characters."),
        new SessionError(SessionErrorCode.Forbidden, "No."),
        new ConnectResult(true, 7, Study, null, null),
        new ConnectResult(true, 7, null, View, null),
        ConnectResult.Rejected(SessionErrorCode.SessionEnded, "Ended."),
        View,
        new ParticipantTask("t1", 1, "Find a jacket", "Under €150."),
        new QuestionnairePrompt(QuestionnaireKind.Sus, null, null),
        new PendingQuestionnaire(QuestionnaireKind.Seq, "t1"),
        new PresenceEntry("a_1", "Morgan", SessionRole.Moderator, 2),
        new PresenceUpdate("se_1", 638_000_000_000_000_000, [new PresenceEntry("a_2", "Olu", SessionRole.Observer, 1)]),
        new SessionDelivery(Envelope, View),
        new RelayMember("conn-1", Moderator, "invite-1"),
        new RelayHeartbeatResult(12, null),
        new Note(Guid.NewGuid(), Moderator, 100, "text", ["confusion"], NoteKind.Observation, "t1", 4, When, null),
        new TaskAttempt("t1", 5_000, 45_000, TaskOutcome.Success, 0, 0, null, 6, "easy"),
        SessionState.Create(new SessionEventEnvelope("se_1", 1, Guid.NewGuid(), When, Moderator, new SessionScheduled("st_1", "P1", "Morgan", null))).Apply(Envelope),
    ];

    /// <summary>Types that hold a relay reference, which only a running silo can make; the cluster tests carry them.</summary>
    private static readonly Type[] NeedARunningSilo = [typeof(SessionConnection), typeof(RelayHeartbeat)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryContractTypeSurvivesOrleansSerialization(object sample)
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<object>(serializer.SerializeToArray(sample));

        Assert.IsType(sample.GetType(), copy);
        // Records compare their immutable arrays by reference; JSON compares what a client would see.
        Assert.Equal(JsonSerializer.Serialize(sample, SessionJson.Options), JsonSerializer.Serialize(copy, SessionJson.Options));
    }

    [Fact]
    public void AnExceptionAGrainLetsEscapeKeepsItsTypeAndMessage()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new SessionUnavailableException("Event 4 could not be saved.")));

        Assert.Equal("Event 4 could not be saved.", Assert.IsType<SessionUnavailableException>(copy).Message);
    }

    [Fact]
    public void EverySerializableContractTypeHasASample()
    {
        var sampled = ((IEnumerable<object[]>)Samples).Select(row => row[0].GetType()).ToHashSet();
        var serializable = typeof(Actor).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !t.IsAbstract && !t.IsEnum && !typeof(Exception).IsAssignableFrom(t))
            .Except(NeedARunningSilo);

        Assert.Empty(serializable.Where(t => !sampled.Contains(t)).Select(t => t.Name));
    }
}
