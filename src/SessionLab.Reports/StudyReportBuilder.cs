using System.Collections.Immutable;
using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>
/// Computes a <see cref="StudyReport"/> from a study and the states of its sessions, folded from their event logs. Pure:
/// the same inputs give the same report, so an endpoint, a command line or a test only has to load states and render.
/// Sessions that are still running contribute what has been persisted so far.
/// </summary>
public static class StudyReportBuilder
{
    /// <summary>The name of the tag that marks a note as a quote, whatever its kind.</summary>
    public const string QuoteTag = "quote";

    /// <summary>How many quotes represent a finding; the notes list keeps them all.</summary>
    public const int QuotesPerFinding = 3;

    public static StudyReport Build(
        Study study,
        IReadOnlyList<SessionState> sessions,
        IReadOnlyDictionary<string, int> severityByTag,
        DateTimeOffset generatedAt,
        IReadOnlyDictionary<Guid, string>? clipLinks = null,
        IReadOnlyDictionary<string, Study>? studyOfSession = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(severityByTag);
        foreach (var session in sessions)
        {
            if (session.StudyId != study.Id)
            {
                throw new ArgumentException($"Session {session.SessionId} belongs to study {session.StudyId}, not {study.Id}.", nameof(sessions));
            }
        }
        var palette = Palette(study);
        var severities = NormaliseSeverities(palette, severityByTag);

        // A session that never started has no observations: counting it as a participant would dilute every frequency.
        var observed = sessions
            .Where(s => s.StartedAt is not null)
            .OrderBy(s => s.StartedAt)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToImmutableArray();
        var participants = Participants(observed, generatedAt);
        var labels = participants.ToDictionary(p => p.SessionId, p => p.Label, StringComparer.Ordinal);

        var notes = observed
            .SelectMany(s => s.Notes.OrderBy(n => n.ClockOffsetMs).ThenBy(n => n.Sequence).Select(n => Reference(palette, s, n, labels, clipLinks)))
            .ToImmutableArray();

        return new StudyReport(
            Overview(study, sessions, participants, generatedAt),
            participants,
            [.. study.Tasks.Select((task, index) => TaskReport(task, index + 1, observed, labels) with { EarlierVersions = EarlierVersions(task, observed, labels, studyOfSession) })],
            Sus(observed),
            Findings(study, participants, notes, severities),
            notes,
            Attempts(study, observed, labels),
            Answers(observed, labels));
    }

    /// <summary>Each palette tag's spelling by any case of it, looked up once per note tag.</summary>
    private static Dictionary<string, string> Palette(Study study)
    {
        var palette = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in study.Tags)
        {
            palette.TryAdd(tag.Name, tag.Name);
        }
        return palette;
    }

    private static Dictionary<string, int> NormaliseSeverities(Dictionary<string, string> palette, IReadOnlyDictionary<string, int> severityByTag)
    {
        var severities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (tag, severity) in severityByTag)
        {
            if (severity is < 0 or > 4)
            {
                throw new ArgumentOutOfRangeException(nameof(severityByTag), severity, $"Severity of #{tag} must be on Nielsen's 0–4 scale.");
            }
            severities[CanonicalTag(palette, tag)] = severity;
        }
        return severities;
    }

    private static ImmutableArray<ReportParticipant> Participants(ImmutableArray<SessionState> observed, DateTimeOffset generatedAt)
    {
        var aliasCounts = observed.CountBy(s => s.ParticipantAlias, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var participants = ImmutableArray.CreateBuilder<ReportParticipant>(observed.Length);
        foreach (var s in observed)
        {
            var label = s.ParticipantAlias;
            if (aliasCounts[s.ParticipantAlias] > 1)
            {
                seen[s.ParticipantAlias] = seen.GetValueOrDefault(s.ParticipantAlias) + 1;
                label = $"{s.ParticipantAlias} ({seen[s.ParticipantAlias]})";
            }
            participants.Add(new ReportParticipant(
                s.SessionId, s.ParticipantAlias, label, s.ModeratorName, s.Status, s.StartedAt, s.EndedAt,
                s.DurationMs ?? s.ClockAt(generatedAt)));
        }
        return participants.MoveToImmutable();
    }

    private static ReportOverview Overview(
        Study study,
        IReadOnlyList<SessionState> sessions,
        ImmutableArray<ReportParticipant> participants,
        DateTimeOffset generatedAt) => new(
            study.Id,
            study.Name,
            study.Goal,
            sessions.Count,
            sessions.Count(s => s.Status == SessionStatus.Ended),
            sessions.Count(s => s.Status == SessionStatus.Live),
            sessions.Count(s => s.Status == SessionStatus.Scheduled),
            sessions.Count(s => s.Status == SessionStatus.Cancelled),
            sessions.Count(s => s.Status == SessionStatus.NoShow),
            participants.Select(p => p.Alias).Distinct(StringComparer.Ordinal).Count(),
            participants.Min(p => p.StartedAt),
            participants.Max(p => p.EndedAt ?? p.StartedAt),
            [.. participants.Select(p => p.Moderator).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)],
            participants.Sum(p => p.ObservedMs),
            Confidence.Default,
            generatedAt);

    private static TaskReport TaskReport(StudyTask task, int number, ImmutableArray<SessionState> observed, Dictionary<string, string> labels)
    {
        var attempts = observed.Select(s => (Session: s, Attempt: s.FindAttempt(task.Id))).ToArray();
        var ended = attempts.Select(a => a.Attempt).OfType<TaskAttempt>().Where(a => a.Outcome is not null).ToArray();
        var attempted = ended.Where(a => a.Outcome is not (TaskOutcome.Skipped or TaskOutcome.Abandoned)).ToArray();
        var outcomes = new OutcomeCounts(
            ended.Count(a => a.Outcome == TaskOutcome.Success),
            ended.Count(a => a.Outcome == TaskOutcome.Partial),
            ended.Count(a => a.Outcome == TaskOutcome.Fail),
            ended.Count(a => a.Outcome == TaskOutcome.Skipped),
            ended.Count(a => a.Outcome == TaskOutcome.Abandoned));

        // A success stamped with no positive duration (clock skew, a double click) is a marking slip, not a time.
        double[] successSeconds = [.. attempted
            .Where(a => a.Outcome == TaskOutcome.Success && a.DurationMs > 0)
            .Select(a => a.DurationMs!.Value / 1000.0)];

        double[] seqRatings = [.. ended.Where(a => a.SeqRating is not null).Select(a => (double)a.SeqRating!.Value)];

        return new TaskReport(
            task.Id,
            number,
            task.Title,
            outcomes,
            attempts.Count(a => a.Attempt is { Outcome: null }),
            AdjustedWald.Estimate(outcomes.Success, outcomes.Attempted),
            TaskTime.Estimate(successSeconds),
            MeanInterval.Estimate(seqRatings)?.Within(SessionLimits.SeqMin, SessionLimits.SeqMax),
            MeanInterval.Estimate([.. attempted.Select(a => (double)a.Errors)])?.Within(0, double.PositiveInfinity),
            MeanInterval.Estimate([.. attempted.Select(a => (double)a.Assists)])?.Within(0, double.PositiveInfinity),
            [.. attempts.Select(a => Cell(a.Session, a.Attempt))],
            Comments(attempts, labels),
            outcomes.Attempted > 0 ? RoundStatistics.ProportionAgainst(outcomes.Success, outcomes.Attempted, RoundStatistics.CompletionBenchmark) : null,
            RoundStatistics.MeanAgainst(seqRatings, RoundStatistics.SeqBenchmark),
            [.. successSeconds],
            [.. seqRatings]);
    }

    /// <summary>The versions of the task that sessions ran before the study was edited, oldest first; a session that ran the task as it is now is not listed.</summary>
    private static List<TaskEarlierVersion> EarlierVersions(
        StudyTask task, ImmutableArray<SessionState> observed, Dictionary<string, string> labels, IReadOnlyDictionary<string, Study>? studyOfSession) =>
        studyOfSession is null
            ? []
            : [.. observed
                .Select(s => (Label: labels[s.SessionId], Ran: studyOfSession.GetValueOrDefault(s.SessionId)))
                .Select(s => (s.Label, Version: s.Ran?.Version ?? 0, Task: s.Ran?.FindTask(task.Id)))
                .Where(s => s.Task is not null && s.Task != task)
                .GroupBy(s => s.Task!)
                .Select(g => new TaskEarlierVersion(g.Min(s => s.Version), g.Key, [.. g.Select(s => s.Label)]))
                .OrderBy(v => v.StudyVersion)];

    /// <summary>Each participant's comments on the task, in participant order: theirs with the SEQ first, then the moderator's.</summary>
    private static ImmutableArray<TaskComment> Comments((SessionState Session, TaskAttempt? Attempt)[] attempts, Dictionary<string, string> labels) =>
        [.. attempts.Where(a => a.Attempt is not null).SelectMany(a => (TaskComment?[])[
            string.IsNullOrWhiteSpace(a.Attempt!.SeqComment) ? null : new TaskComment(labels[a.Session.SessionId], TaskCommentSource.Participant, a.Attempt.SeqComment.Trim()),
            string.IsNullOrWhiteSpace(a.Attempt.Comment) ? null : new TaskComment(labels[a.Session.SessionId], TaskCommentSource.Moderator, a.Attempt.Comment.Trim()),
        ]).OfType<TaskComment>()];

    private static TaskCell Cell(SessionState session, TaskAttempt? attempt) => attempt is null
        ? new TaskCell(session.SessionId, null, false, null, 0, 0, null)
        : new TaskCell(session.SessionId, attempt.Outcome, attempt.Outcome is null, attempt.DurationMs, attempt.Errors, attempt.Assists, attempt.SeqRating);

    private static SusReport Sus(ImmutableArray<SessionState> observed)
    {
        var results = observed.Select(s => s.SusResponses is { } responses && SusScale.IsComplete(responses)
                ? Scored(s.SessionId, responses, SusScale.Score(responses))
                : new SusResult(s.SessionId, s.SusResponses, null, null, null))
            .ToImmutableArray();
        var mean = MeanInterval.Estimate([.. results.Where(r => r.Score is not null).Select(r => r.Score!.Value)])?.Within(0, 100);
        return mean is null
            ? new SusReport(results, null, null, null)
            : new SusReport(results, mean, SusScale.Grade(mean.Mean), SusScale.PercentileRank(mean.Mean),
                RoundStatistics.MeanAgainst([.. results.Select(r => r.Score).OfType<double>()], RoundStatistics.SusBenchmark));
    }

    private static SusResult Scored(string sessionId, ImmutableArray<int> responses, double score) =>
        new(sessionId, responses, score, SusScale.Grade(score), SusScale.PercentileRank(score));

    private static ImmutableArray<FindingRow> Findings(
        Study study,
        ImmutableArray<ReportParticipant> participants,
        ImmutableArray<NoteReference> notes,
        Dictionary<string, int> severities)
    {
        // Every palette tag is a row even when no note carries it: an empty row says "looked for, not seen".
        var tags = study.Tags.Select(t => t.Name)
            .Concat(notes.SelectMany(n => n.Tags))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var participantOrder = participants.Select((p, i) => (p.SessionId, i)).ToDictionary(x => x.SessionId, x => x.i, StringComparer.Ordinal);
        // One pass over the notes: a note's tags are distinct and in the palette's spelling (see Reference).
        var notesByTag = tags.ToDictionary(t => t, _ => ImmutableArray.CreateBuilder<NoteReference>(), StringComparer.OrdinalIgnoreCase);
        foreach (var note in notes)
        {
            foreach (var tag in note.Tags)
            {
                notesByTag[tag].Add(note);
            }
        }

        var rows = tags.Select(tag =>
        {
            var tagged = notesByTag[tag].ToImmutable();
            var counts = tagged.CountBy(n => n.SessionId, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
            var affected = counts.Count;
            var frequency = AdjustedWald.Estimate(affected, participants.Length);
            int? severity = severities.TryGetValue(tag, out var s) ? s : null;
            var definition = study.FindTag(tag);
            return new FindingRow(
                tag,
                definition?.Color,
                definition is not null,
                severity,
                (severity ?? 0) * (frequency?.Observed ?? 0),
                affected,
                frequency,
                [.. participants.Select(p => new FindingCell(p.SessionId, counts.GetValueOrDefault(p.SessionId)))],
                RepresentativeQuotes(tagged, participantOrder),
                [.. tagged.Where(n => n.Kind == NoteKind.Idea)],
                tagged);
        });

        return [.. rows
            .OrderByDescending(r => r.Priority)
            .ThenByDescending(r => r.Severity ?? -1)
            .ThenByDescending(r => r.ParticipantsAffected)
            .ThenByDescending(r => r.Notes.Length)
            .ThenBy(r => r.Tag, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The earliest quote of each participant first, so a few quotes speak for several people rather than one.</summary>
    private static ImmutableArray<NoteReference> RepresentativeQuotes(ImmutableArray<NoteReference> tagged, Dictionary<string, int> participantOrder)
    {
        var quotes = tagged.Where(n => n.IsQuote)
            .OrderBy(n => participantOrder[n.SessionId])
            .ThenBy(n => n.ClockOffsetMs)
            .ToArray();
        var firstOfEach = quotes.DistinctBy(n => n.SessionId, StringComparer.Ordinal);
        return [.. firstOfEach.Concat(quotes.Except(firstOfEach)).Take(QuotesPerFinding)];
    }

    private static NoteReference Reference(Dictionary<string, string> palette, SessionState session, Note note, Dictionary<string, string> labels, IReadOnlyDictionary<Guid, string>? clipLinks)
    {
        var tags = CanonicalTags(palette, note.Tags);
        return new NoteReference(
            note.Id,
            session.SessionId,
            labels[session.SessionId],
            note.ClockOffsetMs,
            note.CreatedAt,
            note.EditedAt,
            note.Author.DisplayName,
            note.Kind,
            note.Kind == NoteKind.Quote || tags.Contains(QuoteTag, StringComparer.OrdinalIgnoreCase),
            note.TaskId,
            tags,
            note.Text,
            clipLinks?.GetValueOrDefault(note.Id));
    }

    /// <summary>Notes keep the spelling typed at the time; the palette's spelling names the row.</summary>
    private static string CanonicalTag(Dictionary<string, string> palette, string tag) => palette.GetValueOrDefault(tag, tag);

    /// <summary>A note's tags in the palette's spelling, each once. Notes the grain accepted already are: then nothing is copied.</summary>
    private static ImmutableArray<string> CanonicalTags(Dictionary<string, string> palette, ImmutableArray<string> tags)
    {
        if (tags.IsDefault)
        {
            return [];
        }
        for (var i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(CanonicalTag(palette, tags[i]), tags[i], StringComparison.Ordinal) || tags.IndexOf(tags[i], 0, i, StringComparer.OrdinalIgnoreCase) >= 0)
            {
                return [.. tags.Select(t => CanonicalTag(palette, t)).Distinct(StringComparer.OrdinalIgnoreCase)];
            }
        }
        return tags;
    }

    private static ImmutableArray<AttemptRecord> Attempts(Study study, ImmutableArray<SessionState> observed, Dictionary<string, string> labels) =>
        [.. observed.SelectMany(s => s.Attempts.Select(a => new AttemptRecord(
            s.SessionId,
            labels[s.SessionId],
            a.TaskId,
            study.FindTask(a.TaskId)?.Title,
            a.StartOffsetMs,
            a.EndOffsetMs,
            s.StartedAt?.AddMilliseconds(a.StartOffsetMs),
            a.EndOffsetMs is { } end ? s.StartedAt?.AddMilliseconds(end) : null,
            a.DurationMs,
            a.Outcome,
            a.Errors,
            a.Assists,
            a.Comment,
            a.SeqRating,
            a.SeqComment)))];

    private static ImmutableArray<QuestionnaireAnswer> Answers(ImmutableArray<SessionState> observed, Dictionary<string, string> labels) =>
        [.. observed.SelectMany(s => s.Attempts
            .Where(a => a.SeqRating is not null)
            .Select(a => new QuestionnaireAnswer(s.SessionId, labels[s.SessionId], QuestionnaireKind.Seq, a.TaskId, null, a.SeqRating!.Value, a.SeqComment))
            .Concat((s.SusResponses ?? []).Select((response, i) =>
                new QuestionnaireAnswer(s.SessionId, labels[s.SessionId], QuestionnaireKind.Sus, null, i + 1, response, null))))];
}
