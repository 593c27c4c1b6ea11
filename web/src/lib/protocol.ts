// The wire contract (docs/protocol.md) as TypeScript types. The server is the authority; these only describe it.

export type Role = 'moderator' | 'observer' | 'participant';
export type SessionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled' | 'noShow';
export type NoteKind = 'observation' | 'quote' | 'issue' | 'positive' | 'idea';
export type TaskOutcome = 'success' | 'partial' | 'fail' | 'skipped' | 'abandoned';
export type QuestionnaireKind = 'seq' | 'sus';

export const NOTE_KINDS: readonly NoteKind[] = ['observation', 'quote', 'issue', 'positive', 'idea'];
/** What a moderator marks when ending a task; `abandoned` is only recorded when a session ends with the task running. */
export const OUTCOMES: readonly TaskOutcome[] = ['success', 'partial', 'fail', 'skipped'];

/** Bounds the server enforces (SessionLimits.cs); the page checks them first only to say so sooner. */
export const LIMITS = { noteLength: 2000, tagsPerNote: 20, commentLength: 2000, displayName: 80, counter: 999 } as const;

export interface SessionError { code: string; message: string }
export interface CommandResult { ok: boolean; sequence: number | null; error: SessionError | null }
export interface HubResult<T> { ok: boolean; value: T | null; error: SessionError | null }

export interface Actor { id: string; displayName: string; role: Role }
export interface StudyTask { id: string; title: string; instructions: string; successCriteria: string; timeLimitSeconds: number | null }
export interface TagDefinition { name: string; color: string; hotkey: number | null }
export interface QuestionnaireSettings { seqAfterEachTask: boolean; susAtEnd: boolean }
/** One version of a study; an edit makes the next (`changedAt`/`changedByName` say when and by whom; null for version 1). */
export interface Study {
  id: string; name: string; goal: string; tasks: StudyTask[]; tags: TagDefinition[];
  questionnaires: QuestionnaireSettings; createdAt: string;
  version: number; changedAt: string | null; changedById: string | null; changedByName: string | null;
}

export interface ParticipantTask { taskId: string; number: number; title: string; instructions: string }
export interface QuestionnairePrompt { kind: QuestionnaireKind; taskId: string | null; taskTitle: string | null }
export interface ParticipantView {
  sessionId: string; studyName: string; status: SessionStatus; taskCount: number;
  currentTask: ParticipantTask | null; prompt: QuestionnairePrompt | null; sequence: number;
}

export interface SessionJoined {
  sessionId: string; you: Actor; identityToken: string; headSequence: number;
  study: Study | null; participantView: ParticipantView | null; serverTime: string;
}

export interface PresenceEntry { actorId: string; displayName: string; role: Role; connections: number }

export type SessionEvent =
  | { type: 'sessionScheduled'; studyId: string; participantAlias: string; moderatorName: string; scheduledFor: string | null }
  | { type: 'sessionStarted'; studyVersion?: number | null }
  | { type: 'sessionEnded'; clockOffsetMs: number; runningTask?: { taskId: string; outcome: TaskOutcome } | null }
  | { type: 'noteAdded'; noteId: string; clockOffsetMs: number; text: string; tags: string[]; kind: NoteKind; taskId: string | null }
  | { type: 'noteEdited'; noteId: string; text: string; tags: string[]; kind: NoteKind }
  | { type: 'noteDeleted'; noteId: string }
  | { type: 'taskStarted'; taskId: string; clockOffsetMs: number }
  | { type: 'taskEnded'; taskId: string; clockOffsetMs: number; outcome: TaskOutcome; errors: number; assists: number; comment: string | null }
  | { type: 'questionnaireRequested'; kind: QuestionnaireKind; taskId: string | null }
  | { type: 'seqAnswered'; taskId: string; rating: number; comment: string | null }
  | { type: 'susAnswered'; responses: number[] }
  | { type: 'tagAddedToPalette'; tag: TagDefinition };

export interface EventEnvelope {
  sessionId: string; sequence: number; commandId: string; recordedAt: string; actor: Actor; event: SessionEvent;
}

export interface SessionSummary {
  id: string; studyId: string; participantAlias: string; moderatorName: string; status: SessionStatus;
  createdAt: string; scheduledFor: string | null; startedAt: string | null; endedAt: string | null;
  noteCount: number; tasksAttempted: number;
}

export interface Invite { role: Role; token: string; url: string; expiresAt: string }
/** `POST /api/studies`: the study, the workspace it went to, and its page (`/study/{studyId}`). */
export interface StudyCreated { study: Study; workspaceId: string; studyUrl: string }
export type ShareScope = 'report' | 'clip' | 'highlights';
export interface TokenAccess {
  kind: 'sessionInvite' | 'reportShare'; studyId: string | null; sessionId: string | null; role: Role | null; expiresAt: string;
  /** What a view-only link opens; null for other links. */
  scope?: ShareScope | null; noteId?: string | null; tag?: string | null;
}

/** A view-only link as the study's owner sees it (`/api/studies/{id}/shares`). */
export interface SharedLink {
  id: string; studyId: string; scope: ShareScope; sessionId: string | null; noteId: string | null; tag: string | null;
  createdAt: string; expiresAt: string; revokedAt: string | null; status: 'active' | 'expired' | 'revoked'; url: string;
}

export interface AddNoteRequest { commandId: string; noteId: string; clockOffsetMs: number; text: string; tags: string[]; kind: NoteKind }
export interface EditNoteRequest { commandId: string; noteId: string; text: string; tags: string[]; kind: NoteKind }
export interface DeleteNoteRequest { commandId: string; noteId: string }

/** The part of the JSON report (`format=json`, SessionLab.Reports' StudyReport) the study page reads. */
export interface ProportionEstimate { successes: number; trials: number; observed: number; bestEstimate: number; interval: { lower: number; upper: number } }
export interface ReportParticipant { sessionId: string; alias: string; label: string; status: SessionStatus }
export interface FindingRow {
  tag: string; color: string | null; inPalette: boolean; severity: number | null; priority: number; participantsAffected: number;
  frequency: ProportionEstimate | null; cells: { sessionId: string; noteCount: number }[]; noteIds: string[];
}
export interface StudyReportData {
  overview: { studyId: string; studyName: string; participantCount: number; confidenceLevel: number; generatedAt: string };
  participants: ReportParticipant[];
  findings: FindingRow[];
}
export interface FindingSeverity { studyId: string; tag: string; severity: number; updatedAt: string; updatedBy: string }
export type ReportFormat = 'html' | 'markdown' | 'json' | 'csv-notes' | 'csv-attempts' | 'csv-answers';
