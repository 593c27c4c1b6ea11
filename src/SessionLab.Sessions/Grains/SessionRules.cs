using System.Collections.Immutable;
using SessionLab.Sessions.Studies;

namespace SessionLab.Sessions.Grains;

/// <summary>
/// Every rule a session command must pass, as pure functions of the current state: who may do what, in which
/// session state, with which input. A refused command changes nothing.
/// </summary>
public static class SessionRules
{
    public static Decision Schedule(SessionState? state, Study? study, ScheduleSessionRequest request)
    {
        if (state is not null)
        {
            return Refuse(SessionErrorCode.SessionAlreadyExists, $"Session {state.SessionId} already exists.");
        }
        if (study is null)
        {
            return Refuse(SessionErrorCode.StudyNotFound, $"Study '{request.StudyId}' does not exist.");
        }
        if ((CheckName(request.ParticipantAlias, "The participant alias", SessionErrorCode.InvalidRequest)
            ?? CheckName(request.ModeratorName, "The moderator name", SessionErrorCode.InvalidRequest)) is { } invalid)
        {
            return invalid;
        }
        return new SessionScheduled(study.Id, request.ParticipantAlias.Trim(), request.ModeratorName.Trim(), request.ScheduledFor);
    }

    /// <summary>The session starts with <paramref name="study"/>'s latest version and keeps it (<see cref="SessionStarted.StudyVersion"/>).</summary>
    public static Decision StartSession(SessionState state, Study study, Actor actor)
    {
        if (RequireModerator(actor, "start the session") is { } refused)
        {
            return refused;
        }
        return state.Status switch
        {
            SessionStatus.Scheduled => new SessionStarted(study.Version),
            SessionStatus.Live => Refuse(SessionErrorCode.SessionAlreadyStarted, "The session is already live."),
            SessionStatus.Cancelled or SessionStatus.NoShow => NotRunning(state),
            _ => Ended(),
        };
    }

    /// <summary>A moderator adds a tag to the palette on the spot; the session's notes may carry it at once.</summary>
    public static Decision AddPaletteTag(SessionState state, Study study, Actor actor, AddPaletteTagRequest request)
    {
        if ((RequireModerator(actor, "add tags to the palette") ?? RequireLive(state)) is { } refused)
        {
            return refused;
        }
        var name = request.Name?.Trim().TrimStart('#') ?? "";
        if (!StudyValidator.IsTagName(name))
        {
            return HiddenCharacters.InName(name) is { } hidden
                ? Refuse(SessionErrorCode.InvalidCharacters, $"A tag name cannot hold {hidden}.")
                : Refuse(SessionErrorCode.InvalidRequest, "name is required: a tag name is 1–40 letters, digits, '-' or '_', without spaces.");
        }
        if (study.FindTag(name) is { } existing)
        {
            return Refuse(SessionErrorCode.InvalidRequest, $"#{existing.Name} is already in this study's tag palette.");
        }
        if (study.Tags.Length >= StudyValidator.MaxTags)
        {
            return Refuse(SessionErrorCode.InvalidRequest, $"A palette can hold at most {StudyValidator.MaxTags} tags.");
        }
        return new TagAddedToPalette(new TagDefinition(name, StudyPalette.DefaultColor, null));
    }

    /// <summary>Only a session that has not started can be called off; one that ran keeps its record.</summary>
    public static Decision CancelSession(SessionState state, Actor actor, CancelSessionRequest request)
    {
        if (RequireModerator(actor, "cancel the session") is { } refused)
        {
            return refused;
        }
        return state.Status switch
        {
            SessionStatus.Scheduled => new SessionCancelled(request.NoShow),
            SessionStatus.Live => Refuse(SessionErrorCode.SessionAlreadyStarted, "The session is live; end it instead of cancelling it."),
            SessionStatus.Cancelled or SessionStatus.NoShow => NotRunning(state),
            _ => Refuse(SessionErrorCode.SessionEnded, "The session has ended; a session that ran cannot be cancelled."),
        };
    }

    public static Decision EndSession(SessionState state, Actor actor, EndSessionRequest request, DateTimeOffset now)
    {
        if (RequireModerator(actor, "end the session") is { } refused)
        {
            return refused;
        }
        if (state.Status is SessionStatus.Cancelled or SessionStatus.NoShow)
        {
            return NotRunning(state);
        }
        if (state.Status == SessionStatus.Ended)
        {
            return Ended();
        }
        if (request.RunningTaskOutcome is { } outcome && !Enum.IsDefined(outcome))
        {
            return Refuse(SessionErrorCode.InvalidRequest, "runningTaskOutcome must be success, partial, fail, skipped or abandoned.");
        }
        // The running task is ended in the same event: an ended session never leaves a task in progress.
        var running = state.ActiveTaskId is { } active ? new RunningTaskEnded(active, request.RunningTaskOutcome ?? TaskOutcome.Abandoned) : null;
        return new SessionEnded(state.ClockAt(now), running);
    }

    public static Decision AddNote(SessionState state, Study study, Actor actor, AddNoteRequest request, DateTimeOffset now)
    {
        if ((RequireTeam(actor, "take notes") ?? RequireLive(state)) is { } refused)
        {
            return refused;
        }
        if (request.NoteId == Guid.Empty)
        {
            return Refuse(SessionErrorCode.InvalidRequest, "noteId is required: a new UUID for this note, not all zeros.");
        }
        if (state.FindNote(request.NoteId) is not null)
        {
            return Refuse(SessionErrorCode.NoteAlreadyExists, $"A note with id {request.NoteId} already exists.");
        }
        if (state.Notes.Count >= SessionLimits.MaxNotesPerSession)
        {
            return Refuse(SessionErrorCode.TooManyNotes, $"This session already holds {SessionLimits.MaxNotesPerSession:N0} notes, the most one session keeps.");
        }
        var latest = state.ClockAt(now) + (long)SessionLimits.ClockTolerance.TotalMilliseconds;
        if (request.ClockOffsetMs < 0 || request.ClockOffsetMs > latest)
        {
            return Refuse(SessionErrorCode.InvalidClockOffset, $"The note's clock offset {request.ClockOffsetMs} ms is outside the session (0–{latest} ms).");
        }
        if (CheckNoteContent(study, request.Text, request.Tags, request.Kind, out var text, out var tags) is { } invalid)
        {
            return invalid;
        }
        return new NoteAdded(request.NoteId, request.ClockOffsetMs, text, tags, request.Kind!.Value, TaskAt(state, request.ClockOffsetMs));
    }

    public static Decision EditNote(SessionState state, Study study, Actor actor, EditNoteRequest request)
    {
        if ((RequireTeam(actor, "edit notes") ?? RequireLive(state) ?? RequireNoteId(request.NoteId)) is { } refused)
        {
            return refused;
        }
        var note = state.FindNote(request.NoteId);
        if (note is null)
        {
            return Refuse(SessionErrorCode.NoteNotFound, $"Note {request.NoteId} does not exist or was deleted.");
        }
        if (note.Author.Id != actor.Id)
        {
            return Refuse(SessionErrorCode.NotNoteAuthor, "Only the note's author can edit it.");
        }
        if (CheckNoteContent(study, request.Text, request.Tags, request.Kind, out var text, out var tags) is { } invalid)
        {
            return invalid;
        }
        return new NoteEdited(request.NoteId, text, tags, request.Kind!.Value);
    }

    public static Decision DeleteNote(SessionState state, Actor actor, DeleteNoteRequest request)
    {
        if ((RequireTeam(actor, "delete notes") ?? RequireLive(state) ?? RequireNoteId(request.NoteId)) is { } refused)
        {
            return refused;
        }
        var note = state.FindNote(request.NoteId);
        if (note is null)
        {
            return Refuse(SessionErrorCode.NoteNotFound, $"Note {request.NoteId} does not exist or was deleted.");
        }
        if (note.Author.Id != actor.Id && actor.Role != SessionRole.Moderator)
        {
            return Refuse(SessionErrorCode.NotNoteAuthor, "Only the note's author or the moderator can delete it.");
        }
        return new NoteDeleted(request.NoteId);
    }

    public static Decision StartTask(SessionState state, Study study, Actor actor, StartTaskRequest request, DateTimeOffset now)
    {
        if ((RequireModerator(actor, "start a task") ?? RequireLive(state) ?? RequireTaskId(request.TaskId)) is { } refused)
        {
            return refused;
        }
        if (study.FindTask(request.TaskId) is null)
        {
            return Refuse(SessionErrorCode.TaskNotFound, $"Task '{request.TaskId}' is not part of this study.");
        }
        if (state.ActiveTaskId is { } active)
        {
            return Refuse(SessionErrorCode.TaskAlreadyActive, $"Task '{TitleOf(study, active)}' is still running; end it first.");
        }
        if (state.FindAttempt(request.TaskId) is not null)
        {
            return Refuse(SessionErrorCode.TaskAlreadyAttempted, $"Task '{TitleOf(study, request.TaskId)}' was already attempted in this session.");
        }
        return new TaskStarted(request.TaskId, state.ClockAt(now));
    }

    public static Decision EndTask(SessionState state, Study study, Actor actor, EndTaskRequest request, DateTimeOffset now)
    {
        if ((RequireModerator(actor, "end a task") ?? RequireLive(state) ?? RequireTaskId(request.TaskId)) is { } refused)
        {
            return refused;
        }
        // Abandoned is what the session's end records for a task nobody marked; a running task gets a real outcome.
        if (request.Outcome is not { } outcome || !Enum.IsDefined(outcome) || outcome == TaskOutcome.Abandoned)
        {
            return Refuse(SessionErrorCode.InvalidRequest, "outcome is required: success, partial, fail or skipped.");
        }
        if (study.FindTask(request.TaskId) is null)
        {
            return Refuse(SessionErrorCode.TaskNotFound, $"Task '{request.TaskId}' is not part of this study.");
        }
        if (state.ActiveTaskId != request.TaskId)
        {
            return Refuse(SessionErrorCode.TaskNotActive, $"Task '{TitleOf(study, request.TaskId)}' is not running, so it cannot be ended.");
        }
        if (request.Errors is < 0 or > SessionLimits.MaxCounter || request.Assists is < 0 or > SessionLimits.MaxCounter)
        {
            return Refuse(SessionErrorCode.InvalidCounter, $"Error and assist counts must be between 0 and {SessionLimits.MaxCounter}.");
        }
        if (CheckComment(request.Comment, "The task's comment") is { } badComment)
        {
            return badComment;
        }
        return new TaskEnded(request.TaskId, state.ClockAt(now), outcome, request.Errors, request.Assists, NullIfBlank(request.Comment));
    }

    public static Decision AskQuestionnaire(SessionState state, Study study, Actor actor, AskQuestionnaireRequest request)
    {
        if ((RequireModerator(actor, "send a questionnaire") ?? RequireLive(state)) is { } refused)
        {
            return refused;
        }
        switch (request.Kind)
        {
            case QuestionnaireKind.Seq:
                if (!study.Questionnaires.SeqAfterEachTask)
                {
                    return Refuse(SessionErrorCode.QuestionnaireDisabled, "This study does not ask the SEQ after tasks.");
                }
                if (string.IsNullOrEmpty(request.TaskId))
                {
                    return Refuse(SessionErrorCode.InvalidRequest, "taskId is required for the SEQ: the id of the ended task it asks about.");
                }
                if (RequireEndedAttempt(state, study, request.TaskId) is { } noAttempt)
                {
                    return noAttempt;
                }
                if (state.FindAttempt(request.TaskId)!.SeqRating is not null)
                {
                    return Refuse(SessionErrorCode.QuestionnaireAlreadyAnswered, $"The SEQ for '{TitleOf(study, request.TaskId)}' was already answered.");
                }
                if (RequireNoOtherPending(state, study, QuestionnaireKind.Seq, request.TaskId) is { } pendingSeq)
                {
                    return pendingSeq;
                }
                return new QuestionnaireRequested(QuestionnaireKind.Seq, request.TaskId);
            case QuestionnaireKind.Sus:
                if (!study.Questionnaires.SusAtEnd)
                {
                    return Refuse(SessionErrorCode.QuestionnaireDisabled, "This study does not use the SUS.");
                }
                if (state.SusResponses is not null)
                {
                    return Refuse(SessionErrorCode.QuestionnaireAlreadyAnswered, "The SUS was already answered.");
                }
                if (RequireNoOtherPending(state, study, QuestionnaireKind.Sus, null) is { } pendingSus)
                {
                    return pendingSus;
                }
                return new QuestionnaireRequested(QuestionnaireKind.Sus, null);
            default:
                return Refuse(SessionErrorCode.InvalidRequest, "kind is required: seq or sus.");
        }
    }

    /// <summary>The participant answers what they were asked; the moderator may also record an answer given aloud.</summary>
    public static Decision AnswerSeq(SessionState state, Study study, Actor actor, AnswerSeqRequest request)
    {
        if ((RequireRespondent(actor) ?? RequireLive(state)) is { } refused)
        {
            return refused;
        }
        if (string.IsNullOrEmpty(request.TaskId))
        {
            return Refuse(SessionErrorCode.InvalidRequest, "taskId is required: the id of the task the SEQ answer is about.");
        }
        // A participant has been shown only the tasks that were started: a refusal must not name any other.
        if (actor.Role == SessionRole.Participant && state.FindAttempt(request.TaskId) is null)
        {
            return NotAsked();
        }
        if (RequireEndedAttempt(state, study, request.TaskId) is { } noAttempt)
        {
            return noAttempt;
        }
        if (state.FindAttempt(request.TaskId)!.SeqRating is not null)
        {
            return Refuse(SessionErrorCode.QuestionnaireAlreadyAnswered, $"The SEQ for '{TitleOf(study, request.TaskId)}' was already answered.");
        }
        if (actor.Role == SessionRole.Participant && !(state.Pending is { Kind: QuestionnaireKind.Seq } pending && pending.TaskId == request.TaskId))
        {
            return NotAsked();
        }
        if (request.Rating is < SessionLimits.SeqMin or > SessionLimits.SeqMax)
        {
            return Refuse(SessionErrorCode.RatingOutOfRange, $"The SEQ rating must be between {SessionLimits.SeqMin} and {SessionLimits.SeqMax}.");
        }
        if (CheckComment(request.Comment, "The SEQ comment") is { } badComment)
        {
            return badComment;
        }
        return new SeqAnswered(request.TaskId, request.Rating, NullIfBlank(request.Comment));
    }

    public static Decision AnswerSus(SessionState state, Actor actor, AnswerSusRequest request)
    {
        if ((RequireRespondent(actor) ?? RequireLive(state)) is { } refused)
        {
            return refused;
        }
        if (state.SusResponses is not null)
        {
            return Refuse(SessionErrorCode.QuestionnaireAlreadyAnswered, "The SUS was already answered.");
        }
        if (actor.Role == SessionRole.Participant && state.Pending is not { Kind: QuestionnaireKind.Sus })
        {
            return Refuse(SessionErrorCode.QuestionnaireNotRequested, "The moderator has not sent the SUS.");
        }
        if (request.Responses.IsDefault || request.Responses.Length != SessionLimits.SusItemCount
            || request.Responses.Any(r => r is < SessionLimits.SusMin or > SessionLimits.SusMax))
        {
            return Refuse(SessionErrorCode.InvalidSusResponses, $"The SUS needs exactly {SessionLimits.SusItemCount} answers, each from {SessionLimits.SusMin} to {SessionLimits.SusMax}.");
        }
        return new SusAnswered(request.Responses);
    }

    /// <summary>The event a command becomes when accepted: a retried command id must name the same kind of command.</summary>
    public static Type EventOf(ISessionCommand command) => command switch
    {
        ScheduleSessionRequest => typeof(SessionScheduled),
        StartSessionRequest => typeof(SessionStarted),
        AddPaletteTagRequest => typeof(TagAddedToPalette),
        EndSessionRequest => typeof(SessionEnded),
        CancelSessionRequest => typeof(SessionCancelled),
        AddNoteRequest => typeof(NoteAdded),
        EditNoteRequest => typeof(NoteEdited),
        DeleteNoteRequest => typeof(NoteDeleted),
        StartTaskRequest => typeof(TaskStarted),
        EndTaskRequest => typeof(TaskEnded),
        AskQuestionnaireRequest => typeof(QuestionnaireRequested),
        AnswerSeqRequest => typeof(SeqAnswered),
        AnswerSusRequest => typeof(SusAnswered),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a session command."),
    };

    /// <summary>
    /// The rule for a name (<see cref="HiddenCharacters.InName"/>): 1–80 characters once trimmed, one line of visible
    /// characters. <paramref name="what"/> starts the message ("The participant alias"); a missing or over-long name is
    /// refused with <paramref name="lengthCode"/>, a hidden character with invalidCharacters.
    /// </summary>
    public static SessionError? CheckName(string? name, string what, SessionErrorCode lengthCode)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > SessionLimits.MaxDisplayNameLength)
        {
            return Refuse(lengthCode, $"{what} must be 1–{SessionLimits.MaxDisplayNameLength} characters.");
        }
        return HiddenCharacters.InName(name) is { } found
            ? Refuse(SessionErrorCode.InvalidCharacters, $"{what} cannot hold {found}: a name is one line of visible characters.")
            : null;
    }

    /// <summary>The rule for free text (<see cref="HiddenCharacters.InText"/>): line breaks and tabs are fine, hidden characters are not.</summary>
    public static SessionError? CheckText(string? text, string what) =>
        HiddenCharacters.InText(text) is { } found
            ? Refuse(SessionErrorCode.InvalidCharacters, $"{what} cannot hold {found}; line breaks and tabs are fine.")
            : null;

    /// <summary>The task that was running at a clock offset: notes are filed under it even when they arrive late.</summary>
    private static string? TaskAt(SessionState state, long offsetMs) =>
        state.Attempts.LastOrDefault(a => a.StartOffsetMs <= offsetMs && (a.EndOffsetMs is not { } end || offsetMs <= end))?.TaskId;

    private static SessionError? CheckNoteContent(Study study, string? rawText, ImmutableArray<string> rawTags, NoteKind? kind, out string text, out ImmutableArray<string> tags)
    {
        text = rawText?.Trim() ?? "";
        tags = [];
        if (text.Length == 0)
        {
            return Refuse(SessionErrorCode.NoteEmpty, "A note needs some text.");
        }
        if (text.Length > SessionLimits.MaxNoteLength)
        {
            return Refuse(SessionErrorCode.NoteTooLong, $"A note can be at most {SessionLimits.MaxNoteLength} characters; this one has {text.Length}.");
        }
        if (CheckText(text, "The note's text") is { } hidden)
        {
            return hidden;
        }
        if (kind is not { } given || !Enum.IsDefined(given))
        {
            return Refuse(SessionErrorCode.InvalidRequest, "kind is required: observation, quote, issue, positive or idea.");
        }
        var requested = rawTags.IsDefault ? [] : rawTags;
        if (requested.Length > SessionLimits.MaxTagsPerNote)
        {
            return Refuse(SessionErrorCode.TooManyTags, $"A note can carry at most {SessionLimits.MaxTagsPerNote} tags.");
        }
        var canonical = ImmutableArray.CreateBuilder<string>(requested.Length);
        foreach (var raw in requested)
        {
            var name = raw?.Trim().TrimStart('#') ?? "";
            if (study.FindTag(name) is not { } tag)
            {
                var palette = string.Join(", ", study.Tags.Select(t => "#" + t.Name));
                return Refuse(SessionErrorCode.UnknownTag, $"#{name} is not in this study's tag palette ({palette}).");
            }
            if (!canonical.Contains(tag.Name))
            {
                canonical.Add(tag.Name);
            }
        }
        tags = canonical.ToImmutable();
        return null;
    }

    private static SessionError? RequireEndedAttempt(SessionState state, Study study, string? taskId)
    {
        if (taskId is null || study.FindTask(taskId) is null)
        {
            return Refuse(SessionErrorCode.TaskNotFound, $"Task '{taskId}' is not part of this study.");
        }
        return state.FindAttempt(taskId) is { IsEnded: true }
            ? null
            : Refuse(SessionErrorCode.TaskNotEnded, $"Task '{TitleOf(study, taskId)}' has not been attempted and ended yet.");
    }

    private static SessionError? CheckComment(string? comment, string what)
    {
        if (comment is { Length: > SessionLimits.MaxCommentLength })
        {
            return Refuse(SessionErrorCode.CommentTooLong, $"{what} is longer than {SessionLimits.MaxCommentLength} characters.");
        }
        return CheckText(comment, what);
    }

    private static SessionError? RequireTaskId(string? taskId) =>
        string.IsNullOrEmpty(taskId) ? Refuse(SessionErrorCode.InvalidRequest, "taskId is required: the id of one of the study's tasks (\"t1\"…).") : null;

    private static SessionError? RequireNoteId(Guid noteId) =>
        noteId == Guid.Empty ? Refuse(SessionErrorCode.InvalidRequest, "noteId is required: the UUID of the note, not all zeros.") : null;

    /// <summary>
    /// One questionnaire waits for the participant at a time, so an answer is never left without its question: asking
    /// another refuses until it is answered (by the participant, or by the moderator for them). Asking the same one
    /// again sends it again.
    /// </summary>
    private static SessionError? RequireNoOtherPending(SessionState state, Study study, QuestionnaireKind kind, string? taskId) =>
        state.Pending switch
        {
            null => null,
            { } p when p.Kind == kind && p.TaskId == taskId => null,
            { Kind: QuestionnaireKind.Sus } => Refuse(SessionErrorCode.QuestionnairePending, "The participant has not answered the SUS yet; wait for their answers, or record them yourself, before sending another questionnaire."),
            { } p => Refuse(SessionErrorCode.QuestionnairePending, $"The participant has not answered the SEQ for '{TitleOf(study, p.TaskId ?? "")}' yet; wait for their answer, or record it yourself, before sending another questionnaire."),
        };

    private static SessionError? RequireModerator(Actor actor, string action) =>
        actor.Role == SessionRole.Moderator ? null : Refuse(SessionErrorCode.Forbidden, $"Only the moderator can {action}.");

    private static SessionError? RequireTeam(Actor actor, string action) =>
        actor.IsTeam ? null : Refuse(SessionErrorCode.Forbidden, $"Only the moderator and observers can {action}.");

    private static SessionError? RequireRespondent(Actor actor) =>
        actor.Role is SessionRole.Participant or SessionRole.Moderator
            ? null
            : Refuse(SessionErrorCode.Forbidden, "Only the participant, or the moderator on their behalf, can answer questionnaires.");

    private static SessionError? RequireLive(SessionState state) => state.Status switch
    {
        SessionStatus.Live => null,
        SessionStatus.Scheduled => Refuse(SessionErrorCode.SessionNotLive, "The session has not started yet."),
        SessionStatus.Cancelled or SessionStatus.NoShow => NotRunning(state),
        _ => Ended(),
    };

    private static SessionError NotRunning(SessionState state) => Refuse(SessionErrorCode.SessionCancelled, state.Status == SessionStatus.NoShow
        ? "The session was marked as a no-show; it does not run."
        : "The session was cancelled; it does not run.");

    private static SessionError NotAsked() => Refuse(SessionErrorCode.QuestionnaireNotRequested, "The moderator has not asked this question.");

    private static SessionError Ended() => Refuse(SessionErrorCode.SessionEnded, "The session has ended.");

    private static SessionError Refuse(SessionErrorCode code, string message) => new(code, message);

    private static string TitleOf(Study study, string taskId) => study.FindTask(taskId)?.Title ?? taskId;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
