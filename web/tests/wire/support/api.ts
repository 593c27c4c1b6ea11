import type { EventEnvelope, Role, SessionState } from './protocol.ts';
import { TEST_OWNER } from './server.ts';

const HTTP_TIMEOUT_MS = 15_000;

export const TAGS = ['confusion', 'bug', 'quote', 'delight'] as const;

/** What `POST /api/studies` answers (docs/accounts.md): the study, the workspace it went in, and its page. */
export interface StudyCreated {
  study: { id: string; tasks: { id: string; title: string }[] };
  workspaceId: string;
  studyUrl: string;
}

/** What `POST /api/account/token` answers: a member's bearer token. */
export interface MemberToken {
  tokenType: string;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export interface TestSession {
  studyId: string;
  sessionId: string;
  /** The bearer token of the member (the test owner) who created the study: it reads and runs the session. */
  memberToken: string;
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
  private memberTokenRequest: Promise<string> | undefined;

  constructor(readonly baseUrl: string) {}

  /** Signs in for a bearer token (POST /api/account/token); every member account is checked the same way. */
  signIn(email: string, password: string): Promise<MemberToken> {
    return this.request<MemberToken>('POST', '/api/account/token', undefined, { email, password });
  }

  /**
   * The test owner's bearer token on this server, asked for once and kept: the server was started with that owner
   * (server.ts, TEST_OWNER). A failed request is not kept, so the next call asks again.
   */
  memberToken(): Promise<string> {
    this.memberTokenRequest ??= this.signIn(TEST_OWNER.email, TEST_OWNER.password).then(
      (token) => token.accessToken,
      (error: unknown) => {
        this.memberTokenRequest = undefined;
        throw error;
      });
    return this.memberTokenRequest;
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

  /** A study in the test owner's workspace; `token` signs in as another member. */
  async createStudy(taskCount = 4, token?: string): Promise<StudyCreated> {
    return this.request<StudyCreated>('POST', '/api/studies', token ?? await this.memberToken(), {
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
    const memberToken = await this.memberToken();
    const created = await this.createStudy(taskCount, memberToken);
    const session = await this.request<{ id: string }>(
      'POST', `/api/studies/${created.study.id}/sessions`, memberToken,
      { participantAlias: 'P7', moderatorName: 'Mona' });
    return {
      studyId: created.study.id,
      sessionId: session.id,
      memberToken,
      taskIds: created.study.tasks.map((t) => t.id),
    };
  }

  async invite(session: TestSession, role: Role): Promise<string> {
    const invite = await this.request<{ token: string }>(
      'POST', `/api/sessions/${session.sessionId}/invites`, session.memberToken, { role });
    return invite.token;
  }

  getSession(session: TestSession): Promise<SessionState> {
    return this.request<SessionState>('GET', `/api/sessions/${session.sessionId}`, session.memberToken);
  }

  getEvents(session: TestSession, after = 0): Promise<EventEnvelope[]> {
    return this.request<EventEnvelope[]>('GET', `/api/sessions/${session.sessionId}/events?after=${after}`, session.memberToken);
  }

  endSession(session: TestSession): Promise<unknown> {
    return this.request('POST', `/api/sessions/${session.sessionId}/end`, session.memberToken);
  }
}

/**
 * The same session link with one byte of its protected payload flipped, spelled as the server spells tokens
 * ("sl2." + base64url without padding), as an attacker editing a link would try: the server must refuse it as
 * invalidToken, not as expired nor as another token.
 */
export function tamper(token: string): string {
  const prefix = 'sl2.';
  if (!token.startsWith(prefix)) {
    throw new Error(`Not a session link token: ${token.slice(0, 12)}…`);
  }
  const bytes = Buffer.from(token.slice(prefix.length), 'base64url');
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  return prefix + bytes.toString('base64url');
}
