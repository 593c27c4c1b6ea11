import type { Actor, EventEnvelope, NoteKind, QuestionnaireKind, SessionStatus, TagDefinition, TaskOutcome } from '../lib/protocol';

export interface NoteView {
  id: string; author: Actor; clockOffsetMs: number; text: string; tags: string[]; kind: NoteKind;
  taskId: string | null; sequence: number; createdAt: string; editedAt: string | null;
}

export interface Attempt {
  taskId: string; startOffsetMs: number; endOffsetMs: number | null; outcome: TaskOutcome | null;
  errors: number; assists: number; comment: string | null; seqRating: number | null; seqComment: string | null;
}

export interface StateChange { notes: Set<string>; session: boolean }

/**
 * The session as the team sees it: the same fold over events as the server's SessionState.Apply, so a page that
 * missed nothing shows exactly what the server holds.
 */
export class TeamState {
  status: SessionStatus = 'scheduled';
  participantAlias = '';
  moderatorName = '';
  scheduledFor: string | null = null;
  startedAt: number | null = null;
  endedAt: number | null = null;
  durationMs: number | null = null;
  readonly notes = new Map<string, NoteView>();
  readonly attempts: Attempt[] = [];
  activeTaskId: string | null = null;
  pending: { kind: QuestionnaireKind; taskId: string | null } | null = null;
  susResponses: number[] | null = null;
  /** Tags a moderator added to the palette during the session; its notes may carry them. */
  readonly addedTags: TagDefinition[] = [];
  sequence = 0;
  private readonly listeners = new Set<(change: StateChange) => void>();

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  attempt(taskId: string): Attempt | undefined {
    return this.attempts.find((a) => a.taskId === taskId);
  }

  apply(events: EventEnvelope[]): void {
    const change: StateChange = { notes: new Set(), session: false };
    for (const envelope of events) {
      if (envelope.sequence <= this.sequence) continue;
      this.applyOne(envelope, change);
      this.sequence = envelope.sequence;
    }
    if (change.session || change.notes.size > 0) {
      for (const listener of this.listeners) listener(change);
    }
  }

  private applyOne({ event: e, actor, sequence, recordedAt }: EventEnvelope, change: StateChange): void {
    switch (e.type) {
      case 'sessionScheduled':
        this.participantAlias = e.participantAlias;
        this.moderatorName = e.moderatorName;
        this.scheduledFor = e.scheduledFor;
        change.session = true;
        break;
      case 'sessionStarted':
        this.status = 'live';
        this.startedAt = Date.parse(recordedAt);
        change.session = true;
        break;
      case 'sessionEnded': {
        // The task still running ends with the session: as marked, or abandoned (also for logs from before the field).
        const runningId = e.runningTask?.taskId ?? this.activeTaskId;
        const running = runningId ? this.attempt(runningId) : undefined;
        if (running && running.endOffsetMs === null) Object.assign(running, { endOffsetMs: e.clockOffsetMs, outcome: e.runningTask?.outcome ?? 'abandoned' });
        this.status = 'ended';
        this.endedAt = Date.parse(recordedAt);
        this.durationMs = e.clockOffsetMs;
        this.activeTaskId = null;
        this.pending = null;
        change.session = true;
        break;
      }
      case 'noteAdded':
        this.notes.set(e.noteId, {
          id: e.noteId, author: actor, clockOffsetMs: e.clockOffsetMs, text: e.text, tags: e.tags, kind: e.kind,
          taskId: e.taskId, sequence, createdAt: recordedAt, editedAt: null,
        });
        change.notes.add(e.noteId);
        break;
      case 'noteEdited': {
        const note = this.notes.get(e.noteId);
        if (note) this.notes.set(e.noteId, { ...note, text: e.text, tags: e.tags, kind: e.kind, editedAt: recordedAt });
        change.notes.add(e.noteId);
        break;
      }
      case 'noteDeleted':
        this.notes.delete(e.noteId);
        change.notes.add(e.noteId);
        break;
      case 'taskStarted':
        this.activeTaskId = e.taskId;
        this.pending = null;
        this.attempts.push({
          taskId: e.taskId, startOffsetMs: e.clockOffsetMs, endOffsetMs: null, outcome: null, errors: 0, assists: 0,
          comment: null, seqRating: null, seqComment: null,
        });
        change.session = true;
        break;
      case 'taskEnded': {
        const attempt = this.attempt(e.taskId);
        if (attempt) Object.assign(attempt, { endOffsetMs: e.clockOffsetMs, outcome: e.outcome, errors: e.errors, assists: e.assists, comment: e.comment });
        this.activeTaskId = null;
        change.session = true;
        break;
      }
      case 'questionnaireRequested':
        this.pending = { kind: e.kind, taskId: e.taskId };
        change.session = true;
        break;
      case 'seqAnswered': {
        const attempt = this.attempt(e.taskId);
        if (attempt) Object.assign(attempt, { seqRating: e.rating, seqComment: e.comment });
        if (this.pending?.kind === 'seq' && this.pending.taskId === e.taskId) this.pending = null;
        change.session = true;
        break;
      }
      case 'susAnswered':
        this.susResponses = e.responses;
        if (this.pending?.kind === 'sus') this.pending = null;
        change.session = true;
        break;
      case 'tagAddedToPalette':
        this.addedTags.push(e.tag);
        change.session = true;
        break;
    }
  }
}
