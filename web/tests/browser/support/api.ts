import { withTimeout } from './timeouts.ts';

export interface SessionLinks {
  studyId: string;
  ownerToken: string;
  sessionId: string;
  moderator: string;
  observer: string;
  participant: string;
}

export const studyDraft = {
  name: 'Checkout study',
  goal: 'Can shoppers pay without help?',
  tasks: [
    { title: 'Find a jacket', instructions: 'Find a waterproof jacket under €150 and open its page.', successCriteria: 'SECRET-CRITERIA opens a jacket page', timeLimitSeconds: 180 },
    { title: 'Apply a discount', instructions: 'Use the code SPRING10.', successCriteria: 'Finds the collapsed discount field', timeLimitSeconds: 120 },
  ],
  tags: [
    { name: 'confusion', color: '#b45309', hotkey: 1 },
    { name: 'bug', color: '#b91c1c', hotkey: 2 },
    { name: 'delight', color: '#15803d', hotkey: 3 },
  ],
  questionnaires: { seqAfterEachTask: true, susAtEnd: true },
};

async function call<T>(server: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await withTimeout(fetch(server + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }), 15_000, `${method} ${path}`);
  const text = await withTimeout(response.text(), 15_000, `${method} ${path} body`);
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A fresh study and session with one link per role: each test owns its data. */
export async function createSession(server: string): Promise<SessionLinks> {
  const created = await call<{ study: { id: string }; ownerToken: string }>(server, 'POST', '/api/studies', null, studyDraft);
  const session = await call<{ id: string }>(server, 'POST', `/api/studies/${created.study.id}/sessions`, created.ownerToken, { participantAlias: 'P7', moderatorName: 'Mona' });
  const invite = async (role: string) =>
    (await call<{ url: string }>(server, 'POST', `/api/sessions/${session.id}/invites`, created.ownerToken, { role })).url;
  return {
    studyId: created.study.id,
    ownerToken: created.ownerToken,
    sessionId: session.id,
    moderator: await invite('moderator'),
    observer: await invite('observer'),
    participant: await invite('participant'),
  };
}

export interface Envelope { sequence: number; commandId: string; recordedAt: string; event: { type: string; text?: string; noteId?: string; clockOffsetMs?: number } }

export function sessionEvents(server: string, links: SessionLinks): Promise<Envelope[]> {
  return call<Envelope[]>(server, 'GET', `/api/sessions/${links.sessionId}/events?after=0`, links.ownerToken);
}

/** Another session of the same study, with its moderator's link. */
export async function addSession(server: string, links: SessionLinks, participantAlias: string): Promise<{ sessionId: string; moderator: string }> {
  const session = await call<{ id: string }>(server, 'POST', `/api/studies/${links.studyId}/sessions`, links.ownerToken, { participantAlias, moderatorName: 'Mona' });
  const invite = await call<{ url: string }>(server, 'POST', `/api/sessions/${session.id}/invites`, links.ownerToken, { role: 'moderator' });
  return { sessionId: session.id, moderator: invite.url };
}

/** The study id as the server spells it in report file names (ReportExporter): ASCII letters and digits in lower case, "-" for the rest. */
export function reportFilePrefix(studyId: string): string {
  return [...studyId].map((c) => (/^[A-Za-z0-9]$/.test(c) ? c.toLowerCase() : '-')).join('').replace(/^-+|-+$/g, '');
}
