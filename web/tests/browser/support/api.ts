import { testOwner } from './server.ts';
import { withTimeout } from './timeouts.ts';

export interface SessionLinks {
  studyId: string;
  /** The test owner's bearer token (POST /api/account/token), for the API calls a test makes as the study's owner. */
  accessToken: string;
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
  return (text ? JSON.parse(text) : null) as T;
}

const tokens = new Map<string, Promise<string>>();

/** A bearer token for a member (the test owner unless told), asked for once per server and member. */
export function accessToken(server: string, who: { email: string; password: string } = testOwner): Promise<string> {
  const key = `${server} ${who.email}`;
  let token = tokens.get(key);
  if (!token) {
    token = call<{ accessToken: string }>(server, 'POST', '/api/account/token', null, { email: who.email, password: who.password }).then((t) => t.accessToken);
    token.catch(() => tokens.delete(key));
    tokens.set(key, token);
  }
  return token;
}

/** A call to the API as the test owner (or with the token given), answered as JSON. */
export async function ownerCall<T>(server: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  return call<T>(server, method, path, token ?? await accessToken(server), body);
}

/** A fresh study and session with one link per role: each test owns its data. */
export async function createSession(server: string): Promise<SessionLinks> {
  const owner = await accessToken(server);
  const created = await call<{ study: { id: string } }>(server, 'POST', '/api/studies', owner, studyDraft);
  const session = await call<{ id: string }>(server, 'POST', `/api/studies/${created.study.id}/sessions`, owner, { participantAlias: 'P7', moderatorName: 'Mona' });
  const invite = async (role: string) =>
    (await call<{ url: string }>(server, 'POST', `/api/sessions/${session.id}/invites`, owner, { role })).url;
  return {
    studyId: created.study.id,
    accessToken: owner,
    sessionId: session.id,
    moderator: await invite('moderator'),
    observer: await invite('observer'),
    participant: await invite('participant'),
  };
}

export interface Envelope { sequence: number; commandId: string; recordedAt: string; event: { type: string; text?: string; noteId?: string; clockOffsetMs?: number } }

export function sessionEvents(server: string, links: SessionLinks): Promise<Envelope[]> {
  return call<Envelope[]>(server, 'GET', `/api/sessions/${links.sessionId}/events?after=0`, links.accessToken);
}

/** Another session of the same study, with its moderator's link. */
export async function addSession(server: string, links: SessionLinks, participantAlias: string): Promise<{ sessionId: string; moderator: string }> {
  const session = await call<{ id: string }>(server, 'POST', `/api/studies/${links.studyId}/sessions`, links.accessToken, { participantAlias, moderatorName: 'Mona' });
  const invite = await call<{ url: string }>(server, 'POST', `/api/sessions/${session.id}/invites`, links.accessToken, { role: 'moderator' });
  return { sessionId: session.id, moderator: invite.url };
}

/** The study id as the server spells it in report file names (ReportExporter): ASCII letters and digits in lower case, "-" for the rest. */
export function reportFilePrefix(studyId: string): string {
  return [...studyId].map((c) => (/^[A-Za-z0-9]$/.test(c) ? c.toLowerCase() : '-')).join('').replace(/^-+|-+$/g, '');
}
