import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { commandId, noteRequest } from './support/client.ts';
import { startLiveSession } from './support/team.ts';

const TEST_TIMEOUT_MS = 60_000;

describe('retried commands over WebSockets', () => {
  const fixture = useServer();
  const { clients } = fixture;

  test('a retried command (same commandId) is acknowledged with the same sequence and applied once', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites, moderator } = await startLiveSession(fixture.api, clients);
    const { client: observer, joined } = await clients.join(invites.observer, 'observer', 'Rhea');

    const note = noteRequest('Said the button looked disabled', { tags: ['confusion'] });
    const first = await observer.command('AddNote', note);
    assert.ok(first.ok, JSON.stringify(first.error));
    const again = await observer.command('AddNote', note);
    assert.deepEqual(again, first, 'the same answer, same sequence');

    // Resent after a reconnect, from a new connection of the same person, and even with altered content:
    // the commandId alone decides that it was already applied.
    const reconnected = await clients.connect(invites.observer);
    await reconnected.joinOk({ identityToken: joined.identityToken, lastSeenSequence: first.sequence! });
    assert.deepEqual(await reconnected.command('AddNote', note), first);
    assert.deepEqual(await reconnected.command('AddNote', { ...note, text: 'changed on retry' }), first);

    const start = { commandId: commandId(), taskId: session.taskIds[0] };
    const started = await moderator.command('StartTask', start);
    assert.ok(started.ok, JSON.stringify(started.error));
    assert.deepEqual(await moderator.command('StartTask', start), started, 'a retried task start is not "already active"');
    const end = { commandId: commandId(), taskId: session.taskIds[0], outcome: 'partial', errors: 2, assists: 1 };
    const ended = await moderator.command('EndTask', end);
    assert.ok(ended.ok, JSON.stringify(ended.error));
    assert.deepEqual(await moderator.command('EndTask', end), ended, 'a retried task end is not "not active"');
    const marker = await moderator.command('AddNote', noteRequest('after the retries'));

    const state = await fixture.api.getSession(session);
    assert.equal(state.notes.filter((n) => n.id === note.noteId).length, 1);
    assert.equal(state.notes.find((n) => n.id === note.noteId)!.text, 'Said the button looked disabled');
    assert.equal(state.attempts.length, 1);
    assert.equal(state.attempts[0].outcome, 'partial');
    const events = await fixture.api.getEvents(session);
    assert.equal(events.filter((e) => e.commandId === note.commandId).length, 1);
    assert.equal(events.filter((e) => e.commandId === start.commandId).length, 1);
    assert.equal(events.filter((e) => e.commandId === end.commandId).length, 1);
    assert.deepEqual(events.map((e) => e.sequence), Array.from({ length: marker.sequence! }, (_, i) => i + 1));

    // Retries are not re-broadcast either: the team saw each event once.
    await moderator.waitForSequence(marker.sequence!);
    assert.deepEqual(moderator.sequences(), events.map((e) => e.sequence));
  });
});
