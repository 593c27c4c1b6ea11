import { createHmac } from 'node:crypto';
import type { EventEnvelope, Role, SessionState } from './protocol.ts';

const HTTP_TIMEOUT_MS = 15_000;

export const TAGS = ['confusion', 'bug', 'quote', 'delight'] as const;

export interface StudyCreated {
  study: { id: string; tasks: { id: string; title: string }[] };
  workspaceId: string;
}

/** The owner every wire test server creates at start-up (Accounts:InitialOwner; see server.ts). */
export const testOwner = { email: 'owner@example.test', password: 'owner-password-for-tests', displayName: 'Olive Owner' } as const;

export interface TestSession {
  studyId: string;
  sessionId: string;
  /** The test owner's bearer token, for the calls a test makes as the study's owner. */
  accessToken: string;
  taskIds: string[];
}

/** A typed refusal from the HTTP API: the problem details' status and `code`. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, body: string) {
    super(`HTTP ${status} (${code ?? 'no code'}): ${body}`);
  }
}

/** The HTTP API of one server (docs/protocol.md, "HTTP API"). */
export class Api {
  private ownerToken: Promise<string> | null = null;

  constructor(readonly baseUrl: string) {}

  /** The test owner's bearer token (POST /api/account/token), asked for once per server. */
  accessToken(): Promise<string> {
    this.ownerToken ??= this.request<{ accessToken: string }>('POST', '/api/account/token', undefined, { email: testOwner.email, password: testOwner.password })
      .then((t) => t.accessToken);
    return this.ownerToken;
  }

  async request<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      throw new ProblemError(response.status, code, text);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async createStudy(taskCount = 4): Promise<StudyCreated> {
    return this.request<StudyCreated>('POST', '/api/studies', await this.accessToken(), {
      name: 'Wire test study',
      goal: 'Exercise the hub over real WebSockets.',
      tasks: Array.from({ length: taskCount }, (_, i) => ({
        title: `Task ${i + 1}`,
        instructions: `Do the thing number ${i + 1}.`,
        successCriteria: `SECRET-CRITERIA-${i + 1}`,
        timeLimitSeconds: 120,
      })),
      tags: TAGS.map((name, i) => ({ name, color: '#b45309', hotkey: i + 1 })),
    });
  }

  /** A fresh study with one scheduled session: every test owns its data. */
  async createSession(taskCount = 4): Promise<TestSession> {
    const created = await this.createStudy(taskCount);
    const session = await this.request<{ id: string }>(
      'POST', `/api/studies/${created.study.id}/sessions`, await this.accessToken(),
      { participantAlias: 'P7', moderatorName: 'Mona' });
    return {
      studyId: created.study.id,
      sessionId: session.id,
      accessToken: await this.accessToken(),
      taskIds: created.study.tasks.map((t) => t.id),
    };
  }

  async invite(session: TestSession, role: Role): Promise<string> {
    const invite = await this.request<{ token: string }>(
      'POST', `/api/sessions/${session.sessionId}/invites`, session.accessToken, { role });
    return invite.token;
  }

  getSession(session: TestSession): Promise<SessionState> {
    return this.request<SessionState>('GET', `/api/sessions/${session.sessionId}`, session.accessToken);
  }

  getEvents(session: TestSession, after = 0): Promise<EventEnvelope[]> {
    return this.request<EventEnvelope[]>('GET', `/api/sessions/${session.sessionId}/events?after=${after}`, session.accessToken);
  }

  endSession(session: TestSession): Promise<unknown> {
    return this.request('POST', `/api/sessions/${session.sessionId}/end`, session.accessToken);
  }
}

/**
 * Signs a token the way the server does ("sl1." + base64url(claims JSON) + "." + base64url(HMAC-SHA256)), with the
 * key the test gave the server. Lets a test make an invite that expired, which the API never issues.
 */
export function mintInvite(signingKey: string, sessionId: string, role: Role, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({
    kind: 'sessionInvite', scope: sessionId, role, subject: null, name: null, expiresAt: expiresAt.toISOString(),
  }));
  const signature = createHmac('sha256', Buffer.from(signingKey, 'base64')).update(payload).digest();
  return `sl1.${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

/** The same token with its claims changed and the original signature kept, as an attacker would try. */
export function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [prefix, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${prefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
