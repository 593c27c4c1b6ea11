using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using SessionLab.Sessions;
using SessionLab.Storage;
using SessionLab.Sessions.Studies;

namespace SessionLab.Bench.Reports;

/// <summary>
/// A study as large as the issue asks for, written into a fresh embedded store through the same session log the grains
/// use: every session's events in one append, all sessions at once, so the log's group commit takes them in big batches.
/// Seeded, so every run measures the same data.
/// </summary>
internal static class SyntheticStudy
{
    public const string StudyId = "st_bench";
    private const long SessionLengthMs = 60 * 60 * 1000;

    private static readonly string[] Tags = ["nav", "search", "checkout", "confusion", "bug", "praise", "layout", "copy", "performance", "quote"];
    private static readonly string[] Words =
        "the a participant clicked scrolled paused menu button page search results filter cart checkout payment address form field error message icon label expected looked for could not find said thought wanted tried again back forward slow fast confusing clear nice broken hidden small large colour text link tab modal price shipping total"
            .Split(' ');
    private static readonly DateTimeOffset FirstDay = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task<(int Sessions, int Events)> WriteAsync(string databasePath, int sessions, int tasks, int notesPerSession)
    {
        var database = new SqliteDatabase(databasePath);
        var study = StudyValidator.Create(
            new StudyDraft(
                "Synthetic checkout study",
                "How a report copes with a large study.",
                [.. Enumerable.Range(1, tasks).Select(i => new StudyTaskDraft($"Task {i}", $"Do step {i}.", $"Step {i} done", 600))],
                [.. Tags.Select((t, i) => new TagDefinition(t, $"#{i * 20 + 10:x2}{i * 10 + 40:x2}80", i < 9 ? i + 1 : null))],
                null),
            StudyId, FirstDay.AddDays(-7), out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors.Keys));
        await new SqliteStudyStore(database).SaveAsync(study, default);

        await using var log = new SqliteSessionEventStore(database, NullLogger<SqliteSessionEventStore>.Instance);
        var logs = Enumerable.Range(0, sessions).Select(i => Session(study, i, notesPerSession)).ToArray();
        await Task.WhenAll(logs.Select(events => log.AppendAsync(events, default)));
        return (sessions, logs.Sum(l => l.Count));
    }

    private static List<SessionEventEnvelope> Session(Study study, int index, int notes)
    {
        var random = new Random(1_000 + index);
        var sessionId = $"se_bench_{index:000}";
        var start = FirstDay.AddDays(index / 8).AddHours(index % 8);
        var moderator = new Actor($"m{index % 4}", $"Moderator {index % 4}", SessionRole.Moderator);
        Actor[] team = [moderator, new("o1", "Observer One", SessionRole.Observer), new("o2", "Observer Two", SessionRole.Observer)];
        var participant = new Actor("participant", $"P{index + 1}", SessionRole.Participant);
        var events = new List<SessionEventEnvelope>(notes + 8 * study.Tasks.Length);

        void Add(Actor actor, long offsetMs, SessionEvent e) =>
            events.Add(new SessionEventEnvelope(sessionId, events.Count + 1, Guid.NewGuid(), start.AddMilliseconds(offsetMs), actor, e));

        Add(moderator, -60_000, new SessionScheduled(StudyId, $"P{index + 1}", moderator.DisplayName, start));
        Add(moderator, 0, new SessionStarted());

        // Tasks take turns through the hour; notes fall between and during them, each on the task then running.
        var slot = SessionLengthMs / study.Tasks.Length;
        var windows = study.Tasks.Select((task, i) => (task.Id, Start: i * slot + 30_000, End: i * slot + 30_000 + random.Next(40_000, (int)slot - 60_000))).ToArray();
        var noteTimes = Enumerable.Range(0, notes).Select(n => (long)(n + 1) * (SessionLengthMs - 60_000) / (notes + 1)).ToArray();
        var nextNote = 0;
        var added = new List<Guid>();
        void NotesUntil(long until)
        {
            for (; nextNote < noteTimes.Length && noteTimes[nextNote] < until; nextNote++)
            {
                var at = noteTimes[nextNote];
                var task = windows.FirstOrDefault(w => w.Start <= at && at < w.End).Id;
                var id = Guid.NewGuid();
                added.Add(id);
                Add(team[random.Next(team.Length)], at, new NoteAdded(id, at, Text(random), NoteTags(random), (NoteKind)random.Next(5), task));
                if (random.NextDouble() < 0.02)
                {
                    Add(team[0], at + 500, new NoteEdited(added[random.Next(added.Count)], Text(random), NoteTags(random), NoteKind.Issue));
                }
                else if (random.NextDouble() < 0.01)
                {
                    var gone = added[random.Next(added.Count)];
                    added.Remove(gone);
                    Add(team[0], at + 500, new NoteDeleted(gone));
                }
            }
        }

        foreach (var (taskId, taskStart, taskEnd) in windows)
        {
            NotesUntil(taskStart);
            Add(moderator, taskStart, new TaskStarted(taskId, taskStart));
            NotesUntil(taskEnd);
            var roll = random.NextDouble();
            var outcome = roll < 0.65 ? TaskOutcome.Success : roll < 0.8 ? TaskOutcome.Partial : roll < 0.95 ? TaskOutcome.Fail : TaskOutcome.Skipped;
            Add(moderator, taskEnd, new TaskEnded(taskId, taskEnd, outcome, random.Next(4), random.Next(3), random.NextDouble() < 0.3 ? Text(random) : null));
            if (outcome != TaskOutcome.Skipped)
            {
                Add(moderator, taskEnd + 100, new QuestionnaireRequested(QuestionnaireKind.Seq, taskId));
                Add(participant, taskEnd + 5_000, new SeqAnswered(taskId, random.Next(1, 8), random.NextDouble() < 0.2 ? Text(random) : null));
            }
        }
        NotesUntil(SessionLengthMs);
        if (random.NextDouble() < 0.9)
        {
            Add(moderator, SessionLengthMs - 50_000, new QuestionnaireRequested(QuestionnaireKind.Sus, null));
            Add(participant, SessionLengthMs - 20_000, new SusAnswered([.. Enumerable.Range(0, 10).Select(_ => random.Next(1, 6))]));
        }
        Add(moderator, SessionLengthMs, new SessionEnded(SessionLengthMs));
        return events;
    }

    private static string Text(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(6, 36)).Select(_ => Words[random.Next(Words.Length)]));

    private static ImmutableArray<string> NoteTags(Random random) => random.NextDouble() switch
    {
        < 0.35 => [],
        < 0.85 => [Tags[random.Next(Tags.Length)]],
        _ => [.. new[] { Tags[random.Next(Tags.Length)], Tags[random.Next(Tags.Length)] }.Distinct()],
    };
}
