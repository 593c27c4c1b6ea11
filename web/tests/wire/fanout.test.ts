import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { commandId, noteRequest, type WireClient } from './support/client.ts';
import { startLiveSession } from './support/team.ts';
import { eventually } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 60_000;

describe('note fan-out over WebSockets', () => {
  const fixture = useServer();
  const { clients } = fixture;

  test('a moderator, three observers and a participant in one session: notes fan out to every observer and the moderator, in the same sequence order for everyone, and never to the participant', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites, moderator } = await startLiveSession(fixture.api, clients);
    const observers: WireClient[] = [];
    for (const name of ['Ola', 'Omar', 'Oona']) {
      observers.push((await clients.join(invites.observer, 'observer', name)).client);
    }
    const { client: participant, joined: participantJoined } = await clients.join(invites.participant, 'participant');
    assert.equal(participantJoined.study, null, 'the participant must not receive the study (success criteria, tags)');

    const task = await moderator.command('StartTask', { commandId: commandId(), taskId: session.taskIds[0] });
    assert.ok(task.ok, JSON.stringify(task.error));
    await eventually(() => participant.views.some((v) => v.currentTask?.taskId === session.taskIds[0]), 'the participant sees the task start');

    // Everyone on the team writes at once, so the server has to order concurrent notes from four connections.
    const marker = `SECRET-NOTE-${randomUUID()}`;
    const team = [moderator, ...observers];
    const written = await Promise.all(team.flatMap((author, a) =>
      Array.from({ length: 5 }, (_, n) => {
        const request = noteRequest(`${marker} author ${a} note ${n}`, { tags: ['confusion'] });
        return author.command('AddNote', request).then((result) => ({ request, result, author }));
      })));
    for (const { result } of written) {
      assert.ok(result.ok, JSON.stringify(result.error));
    }
    const [edited, deleted] = written;
    const edit = await edited.author.command('EditNote', {
      commandId: commandId(), noteId: edited.request.noteId, text: `${marker} edited`, tags: ['bug'], kind: 'issue',
    });
    assert.ok(edit.ok, JSON.stringify(edit.error));
    const removal = await moderator.command('DeleteNote', { commandId: commandId(), noteId: deleted.request.noteId });
    assert.ok(removal.ok, JSON.stringify(removal.error));
    const endTask = await moderator.command('EndTask', {
      commandId: commandId(), taskId: session.taskIds[0], outcome: 'success', errors: 0, assists: 0,
    });
    assert.ok(endTask.ok, JSON.stringify(endTask.error));
    const head = endTask.sequence!;

    for (const member of team) {
      await member.waitForSequence(head);
    }
    const expected = Array.from({ length: head }, (_, i) => i + 1);
    for (const [i, member] of team.entries()) {
      assert.deepEqual(member.sequences(), expected, `team member ${i} receives every event once, in sequence order`);
    }
    const order = (member: WireClient) => member.events.map((e) => `${e.sequence}:${e.event.type}:${String(e.event.noteId ?? '')}`);
    for (const member of observers) {
      assert.deepEqual(order(member), order(moderator), 'every observer sees exactly what the moderator sees, in the same order');
    }
    for (const { request, result } of written) {
      const added = moderator.events.filter((e) => e.event.type === 'noteAdded' && e.event.noteId === request.noteId);
      assert.equal(added.length, 1);
      assert.equal(added[0].sequence, result.sequence, 'the acknowledged sequence is the delivered one');
    }

    // The participant's view changed after every note was published (the task ended), and SignalR keeps a
    // connection's messages in order: had any note been sent to the participant, it would have arrived by now.
    await eventually(() => participant.views.some((v) => v.currentTask === null && v.sequence === head), 'the participant sees the task end');
    const targets = new Set(participant.receivedInvocations().map((m) => m.target));
    assert.deepEqual([...targets], ['ParticipantView'], 'the participant receives only its own view: no Events, no Presence');
    const raw = participant.frames.join('');
    assert.ok(!raw.includes(marker), 'no note text reaches the participant');
    assert.ok(!raw.includes('SECRET-CRITERIA'), 'no success criteria reach the participant');
    assert.ok(!/"(confusion|bug)"/.test(raw), 'no tags reach the participant');
    for (const name of ['Ola', 'Omar', 'Oona', 'Mona']) {
      assert.ok(!raw.includes(name), `the participant does not learn that ${name} is present`);
    }
    // ...while the team does see presence, the participant included.
    await eventually(() => moderator.presence.at(-1)?.some((p) => p.role === 'participant') === true, 'the moderator sees the participant present');
    assert.equal(new Set(moderator.presence.at(-1)!.filter((p) => p.role === 'observer').map((p) => p.displayName)).size, 3);
  });

  test('a client that connects with default negotiation joins and receives notes like any other', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites, moderator } = await startLiveSession(fixture.api, clients);
    const { client: observer, joined } = await clients.join(invites.observer, 'observer', 'Nia', 0, { negotiate: true });
    assert.equal(joined.you.role, 'observer');
    const note = await observer.command('AddNote', noteRequest('Negotiated, then took a note'));
    assert.ok(note.ok, JSON.stringify(note.error));
    await moderator.waitForSequence(note.sequence!);
    await observer.waitForSequence(note.sequence!);
    assert.equal(moderator.events.at(-1)!.event.text, 'Negotiated, then took a note');
    assert.deepEqual(observer.sequences(), Array.from({ length: note.sequence! }, (_, i) => i + 1));
  });
});
