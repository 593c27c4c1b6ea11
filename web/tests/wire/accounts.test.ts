import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Api, type StudyCreated } from './support/api.ts';
import { WireClient } from './support/client.ts';
import { useServer } from './support/fixture.ts';
import { ServerProcess, TEST_OWNER } from './support/server.ts';

const TEST_TIMEOUT_MS = 60_000;

const STUDY = {
  name: 'Accounts study',
  goal: 'Check who may create studies.',
  tasks: [{ title: 'Browse', instructions: 'Browse the shop.', successCriteria: 'Browses.', timeLimitSeconds: 120 }],
  tags: [{ name: 'bug', color: '#b45309', hotkey: 1 }],
};

interface Me {
  id: string;
  email: string;
  displayName: string;
  workspaces: { id: string; name: string; role: string }[];
}

/** A raw request, for what the Api helper hides: the status, the problem's code and the headers of a refusal. */
async function raw(baseUrl: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? JSON.parse(text) as Record<string, unknown> : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, code: json?.code as string | undefined, json, text, headers: response.headers };
}

describe('team accounts over HTTP', () => {
  const fixture = useServer();

  test('an anonymous POST /api/studies is refused with 401 signInRequired and creates nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const answer = await raw(fixture.server.url, 'POST', '/api/studies', undefined, STUDY);
    assert.equal(answer.status, 401, answer.text);
    assert.equal(answer.code, 'signInRequired', answer.text);
    assert.equal(answer.json?.ownerToken, undefined);
  });

  test('a member\'s bearer token creates a study in their workspace, without an ownerToken', { timeout: TEST_TIMEOUT_MS }, async () => {
    const token = await fixture.api.signIn(TEST_OWNER.email, TEST_OWNER.password);
    assert.equal(token.tokenType, 'Bearer');
    assert.ok(token.accessToken.length > 0 && !token.accessToken.startsWith('sl2.'), 'a member token is not a link token');
    assert.ok(token.expiresIn > 0);
    assert.ok(token.refreshToken.length > 0);

    const me = await fixture.api.request<Me>('GET', '/api/account', token.accessToken);
    assert.equal(me.email, TEST_OWNER.email);
    assert.equal(me.displayName, TEST_OWNER.displayName);
    assert.equal(me.workspaces.length, 1);
    assert.equal(me.workspaces[0].role, 'owner');

    const answer = await raw(fixture.server.url, 'POST', '/api/studies', token.accessToken, STUDY);
    assert.equal(answer.status, 201, answer.text);
    const created = answer.json as unknown as StudyCreated & { ownerToken?: string };
    assert.match(created.study.id, /^st_/);
    assert.equal(created.workspaceId, me.workspaces[0].id);
    assert.ok(created.studyUrl.includes(created.study.id), created.studyUrl);
    assert.equal(created.ownerToken, undefined, 'studies no longer come with an owner token');

    const listed = await fixture.api.request<{ id: string }[]>('GET', `/api/workspaces/${created.workspaceId}/studies`, token.accessToken);
    assert.ok(listed.some((s) => s.id === created.study.id), 'the study is in the workspace');
    assert.equal((await fixture.api.request<{ id: string }>('GET', `/api/studies/${created.study.id}`, token.accessToken)).id, created.study.id);
  });

  test('five wrong passwords lock the account: then even the right password is refused with 423 lockedOut', { timeout: TEST_TIMEOUT_MS }, async () => {
    // A second member, invited by the owner, so the owner the other tests sign in as is not locked out.
    const owner = await fixture.api.memberToken();
    const me = await fixture.api.request<Me>('GET', '/api/account', owner);
    const email = 'researcher@wire.sessionlab.test';
    const password = 'researcher-right-passphrase';
    const invitation = await fixture.api.request<{ token: string }>(
      'POST', `/api/workspaces/${me.workspaces[0].id}/invitations`, owner, { role: 'researcher', email });
    await fixture.api.request<Me>('POST', '/api/account/invitations/accept', undefined,
      { token: invitation.token, email, displayName: 'Rae', password });
    assert.ok((await fixture.api.signIn(email, password)).accessToken, 'the right password works before the lockout');

    const attempts: { status: number; code: string | undefined }[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await raw(fixture.server.url, 'POST', '/api/account/token', undefined, { email, password: `wrong passphrase ${i}` });
      attempts.push({ status: answer.status, code: answer.code });
    }
    // The first four are plain failures; the fifth is the one that locks the account, and says so.
    assert.deepEqual(attempts.slice(0, 4), Array(4).fill({ status: 401, code: 'signInFailed' }));
    assert.deepEqual(attempts[4], { status: 423, code: 'lockedOut' });

    const sixth = await raw(fixture.server.url, 'POST', '/api/account/token', undefined, { email, password });
    assert.equal(sixth.status, 423, sixth.text);
    assert.equal(sixth.code, 'lockedOut', sixth.text);
    assert.equal(sixth.json?.accessToken, undefined);
    // The cookie sign-in is locked the same way.
    const cookie = await raw(fixture.server.url, 'POST', '/api/account/sign-in', undefined, { email, password });
    assert.equal(cookie.status, 423, cookie.text);
    assert.equal(cookie.code, 'lockedOut', cookie.text);
    // Another member is not.
    assert.ok((await fixture.api.signIn(TEST_OWNER.email, TEST_OWNER.password)).accessToken);
  });
});

describe('the study creation limit', () => {
  // Its own server: every other test server raises the limit out of the way.
  const fixture = useServer({ args: ['--Accounts:RateLimits:StudiesPerMinute=2'] });

  test('a member over StudiesPerMinute is refused with 429 rateLimited and a Retry-After', { timeout: TEST_TIMEOUT_MS }, async () => {
    const token = await fixture.api.memberToken();
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await raw(fixture.server.url, 'POST', '/api/studies', token, { ...STUDY, name: `Study ${i + 1}` }));
    }
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 429], answers.map((a) => a.text).join('\n'));
    const refused = answers[2];
    assert.equal(refused.code, 'rateLimited', refused.text);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${refused.headers.get('retry-after')}`);

    const me = await fixture.api.request<Me>('GET', '/api/account', token);
    const listed = await fixture.api.request<{ name: string }[]>('GET', `/api/workspaces/${me.workspaces[0].id}/studies`, token);
    assert.equal(listed.filter((s) => s.name.startsWith('Study ')).length, 2, 'the refused study was not created');
  });
});

describe('session links across a restart', () => {
  const servers: ServerProcess[] = [];
  const clients: WireClient[] = [];
  after(async () => {
    await Promise.allSettled(clients.map((c) => c.stop()));
    for (const server of servers) {
      await server.stop();
    }
    servers[0]?.removeData();
  });

  test('an invite minted before a restart still joins its session after it; the member token still reads it', { timeout: 120_000 }, async () => {
    const first = await ServerProcess.start();
    servers.push(first);
    const firstApi = new Api(first.url);
    const session = await firstApi.createSession();
    const observerInvite = await firstApi.invite(session, 'observer');
    const moderatorInvite = await firstApi.invite(session, 'moderator');
    await first.stop();

    const second = await ServerProcess.start({ dataDir: first.dataDir });
    servers.push(second);
    const observer = await WireClient.connect(second.url, observerInvite);
    clients.push(observer);
    const joined = await observer.join({ displayName: 'Olive', lastSeenSequence: 0 });
    assert.ok(joined.ok, JSON.stringify(joined.error));
    assert.equal(joined.value!.you.role, 'observer');
    assert.equal(joined.value!.sessionId, session.sessionId);

    const moderator = await WireClient.connect(second.url, moderatorInvite);
    clients.push(moderator);
    const moderatorJoined = await moderator.join({ lastSeenSequence: 0 });
    assert.ok(moderatorJoined.ok, JSON.stringify(moderatorJoined.error));
    assert.equal(moderatorJoined.value!.you.role, 'moderator');

    // The member's bearer token from before the restart is read with the same key ring, too.
    const state = await new Api(second.url).getSession(session);
    assert.equal(state.sessionId, session.sessionId);
  });
});
