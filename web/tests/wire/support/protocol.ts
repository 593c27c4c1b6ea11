// The shapes of docs/protocol.md, as the wire tests read them.

export type Role = 'moderator' | 'observer' | 'participant';

export interface SessionError {
  code: string;
  message: string;
}

export interface CommandResult {
  ok: boolean;
  sequence: number | null;
  error: SessionError | null;
}

export interface HubResult<T> {
  ok: boolean;
  value: T | null;
  error: SessionError | null;
}

export interface Actor {
  id: string;
  displayName: string;
  role: Role;
}

export interface SessionEvent {
  type: string;
  [field: string]: unknown;
}

export interface EventEnvelope {
  sessionId: string;
  sequence: number;
  commandId: string;
  recordedAt: string;
  actor: Actor;
  event: SessionEvent;
}

export interface SessionJoined {
  sessionId: string;
  you: Actor;
  identityToken: string;
  headSequence: number;
  study: { id: string; tasks: { id: string; title: string }[]; tags: { name: string }[] } | null;
  participantView: ParticipantView | null;
  serverTime: string;
}

export interface ParticipantView {
  sessionId: string;
  status: string;
  currentTask: { taskId: string; number: number; title: string; instructions: string } | null;
  prompt: { kind: string; taskId: string | null } | null;
  sequence: number;
}

export interface PresenceEntry {
  actorId: string;
  displayName: string;
  role: Role;
  connections: number;
}

/** Join's request; the session and role come from the invite link the connection was opened with. */
export interface JoinRequest {
  displayName?: string;
  identityToken?: string;
  lastSeenSequence: number;
}

export interface Note {
  id: string;
  author: Actor;
  text: string;
  tags: string[];
  sequence: number;
}

export interface TaskAttempt {
  taskId: string;
  startOffsetMs: number;
  endOffsetMs: number | null;
  outcome: string | null;
}

export interface SessionState {
  sessionId: string;
  status: string;
  sequence: number;
  notes: Note[];
  attempts: TaskAttempt[];
}
