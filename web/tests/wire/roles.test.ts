import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { Api, ProblemError, tamper } from './support/api.ts';
import { commandId, noteRequest, WireClient } from './support/client.ts';
import type { SessionState } from './support/protocol.ts';
import { ServerProcess } from './support/server.ts';
import { sleep } from './support/timeouts.ts';
import { startLiveSession } from './support/team.ts';

const TEST_TIMEOUT_MS = 60_000;

describe('role rules over WebSockets', () => {
  const fixture = useServer();
  const { clients } = fixture;

  test('an observer cannot start or end tasks or the session: each is forbidden and changes nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites, moderator } = await startLiveSession(fixture.api, clients);
    const { client: observer } = await clients.join(invites.observer, 'observer', 'Otto');
    const before = await fixture.api.getSession(session);

    const refusals = {
      StartTask: await observer.command('StartTask', { commandId: commandId(), taskId: session.taskIds[0] }),
      StartSession: await observer.command('StartSession', { commandId: commandId() }),
      EndSession: await observer.command('EndSession', { commandId: commandId() }),
      AskQuestionnaire: await observer.command('AskQuestionnaire', { commandId: commandId(), kind: 'sus' }),
    };
    // A task the moderator started cannot be ended by an observer either.
    assert.ok((await moderator.command('StartTask', { commandId: commandId(), taskId: session.taskIds[1] })).ok);
    const endTask = await observer.command('EndTask', { commandId: commandId(), taskId: session.taskIds[1], outcome: 'success', errors: 0, assists: 0 });

    for (const [method, result] of Object.entries({ ...refusals, EndTask: endTask })) {
      assert.equal(result.ok, false, `${method} must be refused`);
      assert.equal(result.sequence, null);
      assert.equal(result.error?.code, 'forbidden', `${method}: ${JSON.stringify(result.error)}`);
    }
    const afterwards = await fixture.api.getSession(session);
    assert.equal(afterwards.sequence, before.sequence + 1, 'only the moderator\'s task start was recorded');
    assert.equal(afterwards.status, 'live');
    assert.deepEqual(afterwards.attempts.map((a) => [a.taskId, a.endOffsetMs]), [[session.taskIds[1], null]]);
    assert.ok((await observer.command('AddNote', noteRequest('observers can still take notes'))).ok);
  });

  test('a participant cannot add notes or control tasks: forbidden', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites } = await startLiveSession(fixture.api, clients);
    const { client: participant } = await clients.join(invites.participant, 'participant');
    const note = await participant.command('AddNote', noteRequest('I think this is confusing'));
    assert.equal(note.error?.code, 'forbidden');
    const task = await participant.command('StartTask', { commandId: commandId(), taskId: session.taskIds[0] });
    assert.equal(task.error?.code, 'forbidden');
    const state = await fixture.api.getSession(session);
    assert.equal(state.notes.length, 0);
    assert.equal(state.attempts.length, 0);
  });

  test('commands sent before Join are refused with notJoined', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites } = await startLiveSession(fixture.api, clients);
    const stranger = await clients.connect(invites.observer);
    assert.equal((await stranger.command('AddNote', noteRequest('who am I'))).error?.code, 'notJoined');
    assert.equal((await stranger.command('StartTask', { commandId: commandId(), taskId: session.taskIds[0] })).error?.code, 'notJoined');
    assert.equal((await stranger.command('EndSession', { commandId: commandId() })).error?.code, 'notJoined');
    assert.equal((await fixture.api.getSession(session)).notes.length, 0);
  });

  test('a member\'s bearer token opens the study and its session; a session invite opens neither the study nor another session', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites } = await startLiveSession(fixture.api, clients);
    const study = await fixture.api.request<{ id: string }>('GET', `/api/studies/${session.studyId}`, session.memberToken);
    assert.equal(study.id, session.studyId);
    assert.equal((await fixture.api.getSession(session)).status, 'live');

    await assert.rejects(
      fixture.api.request('GET', `/api/studies/${session.studyId}`, invites.moderator),
      (error: ProblemError) => error.status === 403 && error.code === 'forbidden',
      'a moderator invite does not open the study');
    const other = await fixture.api.createSession();
    await assert.rejects(
      fixture.api.request('GET', `/api/sessions/${other.sessionId}`, invites.moderator),
      (error: ProblemError) => error.status === 403 && error.code === 'forbidden',
      'a moderator invite does not open another session');
    // Its own session's reads it does open, as before.
    assert.equal((await fixture.api.request<SessionState>('GET', `/api/sessions/${session.sessionId}`, invites.moderator)).sessionId, session.sessionId);
    await assert.rejects(
      fixture.api.request('GET', `/api/studies/${session.studyId}`, 'not-a-member-token'),
      (error: ProblemError) => error.status === 401,
      'a made-up bearer token is not a member');
  });

  test('bad, tampered, wrong-kind, foreign and expired links do not open the hub (invalidToken or tokenExpired), a sign-in alone does not either, and a good link still does', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites } = await startLiveSession(fixture.api, clients);
    // Another server has its own Data Protection key ring: its links mean nothing here. Its invites live 2 seconds.
    const elsewhere = await ServerProcess.start({ args: ['--Tokens:InviteLifetime=00:00:02'] });
    try {
      const elsewhereApi = new Api(elsewhere.url);
      const foreignSession = await elsewhereApi.createSession();
      const shortLived = await elsewhereApi.invite(foreignSession, 'observer');
      const url = fixture.server.url;

      const cases: [string, string | null, string][] = [
        ['no link', null, 'invalidToken'],
        ['garbage', 'not-a-token', 'invalidToken'],
        ['empty', '', 'invalidToken'],
        ['truncated', invites.observer.slice(0, -6), 'invalidToken'],
        ['one byte of the payload flipped', tamper(invites.observer), 'invalidToken'],
        ['a member\'s bearer token used as an invite', session.memberToken, 'invalidToken'],
        ['an invite issued by another server', shortLived, 'invalidToken'],
      ];
      for (const [name, token, code] of cases) {
        assert.deepEqual(await WireClient.doorAnswer(url, token), { status: 401, code }, name);
      }
      // The browser's own way in, a WebSocket without negotiate, is refused the same way.
      await assert.rejects(WireClient.connect(url, tamper(invites.observer)), 'a tampered link opens no WebSocket');
      // A member's sign-in says who they are, not which session they were invited to.
      assert.deepEqual(await WireClient.doorAnswer(url, null, { Authorization: `Bearer ${session.memberToken}` }), { status: 403, code: 'forbidden' });

      // On the server that issued it, the short-lived invite is refused as expired once its 2 seconds are up: it
      // failed on its date, not as a forgery.
      await sleep(3_000);
      assert.deepEqual(await WireClient.doorAnswer(elsewhere.url, shortLived), { status: 401, code: 'tokenExpired' });

      // A genuine invite of this server is still accepted after the refusals.
      assert.deepEqual(await WireClient.doorAnswer(url, invites.observer), { status: 200, code: null });
      const client = await clients.connect(await fixture.api.invite(session, 'observer'));
      const fresh = await client.join({ displayName: 'Tess', lastSeenSequence: 0 });
      assert.ok(fresh.ok, JSON.stringify(fresh.error));
      assert.equal(fresh.value!.you.role, 'observer');
      assert.ok((await client.command('AddNote', noteRequest('joined after the refusals'))).ok);
    } finally {
      await elsewhere.stop();
      elsewhere.removeData();
    }
  });

  test('an ended session refuses joins with sessionEnded, its members\' commands with sessionEnded, and new invites', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites } = await startLiveSession(fixture.api, clients);
    const { client: observer } = await clients.join(invites.observer, 'observer', 'Eli');
    await fixture.api.endSession(session);

    for (const invite of [invites.moderator, invites.observer, invites.participant]) {
      const late = await clients.connect(invite);
      const result = await late.join({ displayName: 'Late', lastSeenSequence: 0 });
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'sessionEnded');
      // Without a name too: the link opens the summary, so nobody is asked for a name first.
      const nameless = await clients.connect(invite);
      const unnamed = await nameless.join({ lastSeenSequence: 0 });
      assert.equal(unnamed.error?.code, 'sessionEnded');
    }
    assert.equal((await observer.command('AddNote', noteRequest('too late'))).error?.code, 'sessionEnded');
    await assert.rejects(fixture.api.invite(session, 'observer'), (error: ProblemError) => error.status === 409 && error.code === 'sessionEnded');
  });
});
