import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { HubConnectionState } from '@microsoft/signalr';
import { commandId, noteRequest, type WireClient } from './support/client.ts';
import type { CommandResult } from './support/protocol.ts';
import { startLiveSession, type LiveSession } from './support/team.ts';
import { within } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 60_000;

type Refusal = { code: string; says?: RegExp };

/** A bad request, sent as the named hub method, and how the server must answer it. */
interface BadInput {
  name: string;
  method: string;
  request: (live: LiveSession) => unknown;
  /** Sent with a second argument after the request. */
  extraArgument?: boolean;
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
  { name: 'a malformed request (a number for the text, a string for the clock)', method: 'AddNote', request: () => ({ ...noteRequest('typed wrongly'), text: 42, clockOffsetMs: 'soon' }), expect: { code: 'invalidRequest', says: /'clockOffsetMs' must be a whole number/ } },
  { name: 'a malformed request (tags as a string)', method: 'AddNote', request: () => ({ ...noteRequest('typed wrongly'), tags: 'confusion' }), expect: { code: 'invalidRequest', says: /'tags' must be an array/ } },
  { name: 'an unknown note kind', method: 'AddNote', request: () => noteRequest('kind of a rant', { kind: 'rant' }), expect: { code: 'invalidRequest', says: /'kind' must be one of "observation", "quote", "issue", "positive" or "idea"/ } },
  { name: 'a note kind in PascalCase', method: 'AddNote', request: () => noteRequest('Observation', { kind: 'Observation' }), expect: { code: 'invalidRequest', says: /'kind' must be one of "observation"/ } },
  { name: 'a note kind as a number (the .NET client without a string enum converter)', method: 'AddNote', request: () => noteRequest('zero', { kind: 0 }), expect: { code: 'invalidRequest', says: /'kind' must be one of/ } },
  { name: 'a note without a kind', method: 'AddNote', request: () => { const { kind: _, ...rest } = noteRequest('no kind'); return rest; }, expect: { code: 'invalidRequest', says: /^kind is required/ } },
  { name: 'a note without a noteId', method: 'AddNote', request: () => { const { noteId: _, ...rest } = noteRequest('no id'); return rest; }, expect: { code: 'invalidRequest', says: /^noteId is required/ } },
  { name: 'a noteId that is not a UUID', method: 'AddNote', request: () => noteRequest('odd id', { noteId: 'note-1' }), expect: { code: 'invalidRequest', says: /'noteId' must be a UUID/ } },
  { name: 'a commandId that is not a UUID', method: 'AddNote', request: () => ({ ...noteRequest('odd command'), commandId: '42' }), expect: { code: 'invalidRequest', says: /'commandId' must be a UUID/ } },
  { name: 'a note whose text reverses as displayed (U+202E)', method: 'AddNote', request: () => noteRequest('looks \u202Eelbaresim'), expect: { code: 'invalidCharacters', says: /U\+202E/ } },
  { name: 'a note holding NUL', method: 'AddNote', request: () => noteRequest('nul\u0000inside'), expect: { code: 'invalidCharacters', says: /U\+0000/ } },
  { name: 'a task ended without an outcome', method: 'EndTask', request: (live) => ({ commandId: commandId(), taskId: live.session.taskIds[0], errors: 0, assists: 0 }), expect: { code: 'invalidRequest', says: /^outcome is required/ } },
  { name: 'an SEQ asked without a taskId', method: 'AskQuestionnaire', request: () => ({ commandId: commandId(), kind: 'seq' }), expect: { code: 'invalidRequest', says: /^taskId is required/ } },
  { name: 'a command with two arguments', method: 'StartTask', request: () => ({ commandId: commandId(), taskId: 't1' }), extraArgument: true, expect: { code: 'invalidRequest', says: /exactly one request object/ } },
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
    test(`${bad.name} gets ${bad.expect.code}, and a valid note right after succeeds on the same connection`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const live = await startLiveSession(fixture.api, clients);
      const { client: observer } = await clients.join(live.invites.observer, 'observer', 'Bea');
      const author = bad.method === 'AddNote' ? observer : live.moderator;
      const head = (await fixture.api.getSession(live.session)).sequence;

      // Sent as the JSON protocol carries it, so requests no typed client would build still reach the server.
      const args = bad.extraArgument ? [bad.request(live), {}] : [bad.request(live)];
      const result = await within(author.connection.invoke<CommandResult>(bad.method, ...args), `${bad.method} to be answered`);
      assert.equal(result.ok, false);
      assert.equal(result.sequence, null);
      assert.equal(result.error?.code, bad.expect.code, JSON.stringify(result.error));
      assert.ok(result.error!.message.length > 0, 'the error says what is wrong');
      if (bad.expect.says) {
        assert.match(result.error!.message, bad.expect.says);
      }
      await assertStillUsable(author, head + 1);
    });
  }

  test('a display name with an invisible or text-direction character is refused, so presence never shows two "Mo"s', { timeout: TEST_TIMEOUT_MS }, async () => {
    const live = await startLiveSession(fixture.api, clients);
    for (const displayName of ['Mo\u200B', 'Mo\u200E', '\uFEFFMo', 'Mo\u202E']) {
      const client = await clients.connect(live.invites.observer);
      const result = await within(client.join({ displayName, lastSeenSequence: 0 }), 'Join to be answered');
      assert.equal(result.ok, false, displayName);
      assert.equal(result.error?.code, 'invalidDisplayName');
      assert.match(result.error!.message, /^Your display name cannot hold U\+/);
    }
    const { joined } = await clients.join(live.invites.observer, 'observer', 'Mo');
    assert.equal(joined.you.displayName, 'Mo');
  });

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
