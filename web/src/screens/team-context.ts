import type { ClipLibrary } from '../clips/clip-library';
import type { Actor, Study } from '../lib/protocol';
import type { LiveSession } from '../session/connection';
import type { Outbox } from '../session/outbox';
import type { TeamState } from '../session/team-state';

/** What every panel of the team's screen shares. */
export interface TeamContext {
  study: Study;
  you: Actor;
  sessionId: string;
  state: TeamState;
  session: LiveSession;
  outbox: Outbox;
  /** The session's recordings: which notes have clips. */
  clips: ClipLibrary;
  /** The session clock now, in ms since the session started (server time, corrected for this machine's skew). */
  clockNow(): number;
  /** The server's time now, in ms since the epoch (this machine's clock corrected for its skew). */
  serverNow(): number;
  /** Sends queued note commands if the connection allows. */
  flush(): void;
  /** Shows a message in the page's alert area; the function returned removes it if it is still there. */
  alert(message: string): () => void;
  /** A moderator command sent now (not queued): refused or failed commands are reported and answer false. */
  command(method: string, request: object, what: string): Promise<boolean>;
}

export function taskLabel(study: Study, taskId: string | null): string {
  if (!taskId) return 'No task';
  const index = study.tasks.findIndex((t) => t.id === taskId);
  return index < 0 ? taskId : `Task ${index + 1}: ${study.tasks[index]!.title}`;
}
