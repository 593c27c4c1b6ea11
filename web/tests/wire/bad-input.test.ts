import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { HubConnectionState } from '@microsoft/signalr';
import { commandId, noteRequest, type WireClient } from './support/client.ts';
import { startLiveSession, type LiveSession } from './support/team.ts';
import { within } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 60_000;

type Refusal = { code: string } | { invocationError: RegExp };

/** A bad request, sent as the named hub method, and how the server must answer it. */
interface BadInput {
  name: string;
  method: string;
  request: (live: LiveSession) => unknown;
  expect: Refusal;
}

const badInputs: BadInput[] = [
  { name: 'a too-long note (10,000 characters)', method: 'AddNote', request: () => noteRequest('x'.repeat(10_000)), expect: { code: 'noteTooLong' } },
  { name: 'a 2,001-character note', method: 'AddNote', request: () => noteRequest('y'.repeat(2_001)), expect: { code: 'noteTooLong' } },
  { name: 'an empty note', method: 'AddNote', request: () => noteRequest(''), expect: { code: 'noteEmpty' } },
  { name: 'a note of only spaces', method: 'AddNote', request: () => noteRequest('   \n\t '), expect: { code: 'noteEmpty' } },
  { name: 'a note with an unknown tag', method: 'AddNote', request: () => noteRequest('Tagged wrongly', { tags: ['confusion', 'frustration'] }), expect: { code: 'unknownTag' } },
  { name: 'a note stamped after the session clock', method: 'AddNote', request: () => noteRequest('From the future', { clockOffsetMs: 3_600_000 }), expect: { code: 'invalidClockOffset' } },
  { name: 'ending a task that was never started', method: 'EndTask', request: (live) => ({ commandId: commandId(), taskId: live.session.taskIds[2], outcome: 'success', errors: 0, assists: 0 }), expect: { code: 'taskNotActive' } },
  { name: 'starting a task the study does not have', method: 'StartTask', request: () => ({ commandId: commandId(), taskId: 't99' }), expect: { code: 'taskNotFound' } },
  { name: 'a command without a commandId', method: 'AddNote', request: () => ({ noteId: randomUUID(), clockOffsetMs: 0, text: 'no id', tags: [], kind: 'idea' }), expect: { code: 'invalidRequest' } },
  { name: 'a malformed request (a number for the text, a string for the clock)', method: 'AddNote', request: () => ({ ...noteRequest('typed wrongly'), text: 42, clockOffsetMs: 'soon' }), expect: { invocationError: /Error binding arguments/ } },
  { name: 'a malformed request (tags as a string)', method: 'AddNote', request: () => ({ ...noteRequest('typed wrongly'), tags: 'confusion' }), expect: { invocationError: /Error binding arguments/ } },
  { name: 'an unknown note kind', method: 'AddNote', request: () => noteRequest('kind of a rant', { kind: 'rant' }), expect: { invocationError: /Error binding arguments/ } },
  { name: 'a missing request object', method: 'AddNote', request: () => null, expect: { code: 'invalidRequest' } },
];

describe('bad input over WebSockets', () => {
  const fixture = useServer();
  const { clients } = fixture;

  async function assertStillUsable(author: WireClient, expectedSequence: number): Promise<void> {
    const valid = await author.command('AddNote', noteRequest('A valid note right after', { tags: ['bug'] }));
    assert.ok(valid.ok, `the valid note after it: ${JSON.stringify(valid.error)}`);
    assert.equal(valid.sequence, expectedSequence, 'the bad input recorded nothing');
    assert.equal(author.state, HubConnectionState.Connected);
  }

  for (const bad of badInputs) {
    const answer = 'code' in bad.expect ? bad.expect.code : 'an invocation error';
    test(`${bad.name} gets ${answer}, and a valid note right after succeeds on the same connection`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const live = await startLiveSession(fixture.api, clients);
      const { client: observer } = await clients.join(live.invites.observer, 'observer', 'Bea');
      const author = bad.method === 'AddNote' ? observer : live.moderator;
      const head = (await fixture.api.getSession(live.session)).sequence;

      if ('code' in bad.expect) {
        const result = await author.command(bad.method, bad.request(live) as object);
        assert.equal(result.ok, false);
        assert.equal(result.sequence, null);
        assert.equal(result.error?.code, bad.expect.code, JSON.stringify(result.error));
        assert.ok(result.error!.message.length > 0, 'the error says what is wrong');
      } else {
        const pattern = bad.expect.invocationError;
        await assert.rejects(
          within(author.connection.invoke(bad.method, bad.request(live)), `${bad.method} to be answered`),
          (error: Error) => pattern.test(error.message),
        );
      }
      await assertStillUsable(author, head + 1);
    });
  }

  test('a 2,000-character note, the longest allowed, is accepted whole', { timeout: TEST_TIMEOUT_MS }, async () => {
    const live = await startLiveSession(fixture.api, clients);
    const text = 'z'.repeat(2_000);
    const result = await live.moderator.command('AddNote', noteRequest(`  ${text}  `));
    assert.ok(result.ok, JSON.stringify(result.error));
    assert.equal((await fixture.api.getSession(live.session)).notes[0].text, text);
  });

  test('a message under 64 KiB is answered; one over 64 KiB closes only that connection, and the server keeps serving others', { timeout: TEST_TIMEOUT_MS }, async () => {
    const live = await startLiveSession(fixture.api, clients);
    const { client: victim } = await clients.join(live.invites.observer, 'observer', 'Vic');
    const { client: bystander } = await clients.join(live.invites.observer, 'observer', 'Bo');
    const head = (await fixture.api.getSession(live.session)).sequence;

    const large = await victim.command('AddNote', noteRequest('L'.repeat(60 * 1024)));
    assert.equal(large.error?.code, 'noteTooLong', 'just under the limit is still answered');
    assert.equal(victim.state, HubConnectionState.Connected);

    const oversized = victim.connection.invoke('AddNote', noteRequest('O'.repeat(70 * 1024)));
    await assert.rejects(within(oversized, 'the oversized invocation to fail'));
    const closeError = await within(victim.closed, 'the oversized connection to close');
    assert.equal(victim.state, HubConnectionState.Disconnected);
    assert.match(String(closeError?.message), /closed with an error|maximum message size/i);

    await assertStillUsable(bystander, head + 1);
    await assertStillUsable(live.moderator, head + 2);
    const { joined } = await clients.join(live.invites.observer, 'observer', 'Newcomer');
    assert.equal(joined.headSequence, head + 2);
    assert.ok(fixture.server.running, 'the server process is still running');
    const state = await fixture.api.getSession(live.session);
    assert.ok(state.notes.every((n) => !n.text.startsWith('O')), 'the oversized note was not recorded');
  });
});
