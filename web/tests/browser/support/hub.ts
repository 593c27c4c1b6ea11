import { randomUUID } from 'node:crypto';
import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { withTimeout } from './timeouts.ts';

export interface NoteDraft { text: string; tags: string[]; kind?: 'observation' | 'quote' | 'issue' | 'positive' | 'idea' }

interface Answer { ok: boolean; error: { code: string; message: string } | null }

/**
 * Runs a session through the hub as its moderator would, with the official SignalR client: starts it and adds these
 * notes a second of session clock apart. For tests that need a session's data but are about another screen.
 */
export async function moderateSession(server: string, moderatorUrl: string, notes: NoteDraft[],
  then?: (call: (method: string, request: object) => Promise<void>) => Promise<void>): Promise<void> {
  const invite = decodeURIComponent(new URL(moderatorUrl).hash.slice(1));
  const connection = new HubConnectionBuilder()
    .withUrl(`${server}/hubs/session?invite=${encodeURIComponent(invite)}`, { transport: HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(LogLevel.None)
    .build();
  connection.on('Events', () => undefined);
  connection.on('Presence', () => undefined);
  const call = async (method: string, request: object) => {
    const answer = await withTimeout(connection.invoke<Answer>(method, request), 15_000, `${method} on the hub`);
    if (!answer.ok) throw new Error(`${method} was refused: ${answer.error?.code} ${answer.error?.message}`);
  };
  await withTimeout(connection.start(), 15_000, 'the hub connection');
  try {
    await call('Join', { displayName: 'Mona', identityToken: null, lastSeenSequence: 0 });
    // A second run on the same session (to ask the next question, say) finds it started already.
    const started = await withTimeout(connection.invoke<Answer>('StartSession', { commandId: randomUUID() }), 15_000, 'StartSession on the hub');
    if (!started.ok && started.error?.code !== 'sessionAlreadyStarted') throw new Error(`StartSession was refused: ${started.error?.code} ${started.error?.message}`);
    for (const [i, note] of notes.entries()) {
      await call('AddNote', { commandId: randomUUID(), noteId: randomUUID(), clockOffsetMs: i * 1000, text: note.text, tags: note.tags, kind: note.kind ?? 'observation' });
    }
    await then?.(call);
  } finally {
    await withTimeout(connection.stop(), 15_000, 'the hub connection to close');
  }
}
