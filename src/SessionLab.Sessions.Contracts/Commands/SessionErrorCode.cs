using Orleans;

namespace SessionLab.Sessions;

/// <summary>Every reason the server refuses a call. Serialized in camelCase ("noteTooLong"); see docs/protocol.md.</summary>
[GenerateSerializer, Alias("SessionLab.SessionErrorCode")]
public enum SessionErrorCode
{
    InvalidRequest,
    InvalidToken,
    TokenExpired,
    NotJoined,
    Forbidden,
    SessionNotFound,
    SessionAlreadyExists,
    SessionNotLive,
    SessionAlreadyStarted,
    SessionEnded,
    StudyNotFound,
    NoteEmpty,
    NoteTooLong,
    UnknownTag,
    TooManyTags,
    InvalidClockOffset,
    NoteNotFound,
    NoteAlreadyExists,
    NotNoteAuthor,
    TaskNotFound,
    TaskAlreadyActive,
    TaskNotActive,
    TaskAlreadyAttempted,
    TaskNotEnded,
    QuestionnaireDisabled,
    QuestionnaireNotRequested,
    QuestionnaireAlreadyAnswered,
    RatingOutOfRange,
    InvalidSusResponses,
    CommentTooLong,
    InvalidCounter,
    InvalidDisplayName,
    Unavailable,
    CommandIdReused,
    RateLimited,
    TooManyConnections,
    TooManyNotes,
    InvalidCharacters,
    QuestionnairePending,
    StudyVersionStale,
}
