import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { noteRequest, type WireClient } from './support/client.ts';
import type { CommandResult } from './support/protocol.ts';
import { startLiveSession } from './support/team.ts';
import { eventually } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 60_000;

/** Writes notes one after another until stopped; resolves with every acknowledgement. */
function keepWriting(author: WireClient, label: string): { stop: () => Promise<CommandResult[]> } {
  let running = true;
  const results: CommandResult[] = [];
  const loop = (async () => {
    for (let n = 0; running; n++) {
      results.push(await author.command('AddNote', noteRequest(`${label} ${n}`)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return results;
    },
  };
}

describe('reconnecting over WebSockets', () => {
  const fixture = useServer();
  const { clients } = fixture;

  test('a client that disconnects while others keep writing gets every missed event exactly once on reconnect, then live events, with no duplicates and no gaps', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites, moderator } = await startLiveSession(fixture.api, clients);
    const { client: writer } = await clients.join(invites.observer, 'observer', 'Wren');
    const { client: first, joined: firstJoin } = await clients.join(invites.observer, 'observer', 'Rosa');

    let seenBeforeDrop = 0;
    for (let n = 0; n < 5; n++) {
      const result = await writer.command('AddNote', noteRequest(`before the drop ${n}`));
      assert.ok(result.ok, JSON.stringify(result.error));
      seenBeforeDrop = result.sequence!;
    }
    await first.waitForSequence(seenBeforeDrop);
    assert.equal(Math.max(...first.sequences()), seenBeforeDrop);

    // The network drops: no close handshake. Others keep writing all the while, through the reconnect.
    const writing = [keepWriting(writer, 'while Rosa is away'), keepWriting(moderator, 'moderator, while Rosa is away')];
    await first.drop();
    await eventually(() => writer.events.some((e) => e.sequence >= seenBeforeDrop + 20), 'others have written 20 more events');

    const second = await clients.connect(invites.observer);
    const rejoined = await second.joinOk({
      identityToken: firstJoin.identityToken,
      lastSeenSequence: seenBeforeDrop,
    });
    assert.equal(rejoined.you.id, firstJoin.you.id, 'the identity token keeps the same author');
    assert.equal(rejoined.you.displayName, 'Rosa');
    await eventually(() => second.events.some((e) => e.sequence > rejoined.headSequence + 10), 'live events arrive after the replay');

    const acknowledged = (await Promise.all(writing.map((w) => w.stop()))).flat();
    for (const result of acknowledged) {
      assert.ok(result.ok, JSON.stringify(result.error));
    }
    const head = Math.max(...acknowledged.map((r) => r.sequence!));
    await second.waitForSequence(head);
    // An acknowledgement does not wait for delivery to others: let the moderator's copy catch up before comparing.
    await moderator.waitForSequence(head);

    const expected = Array.from({ length: head - seenBeforeDrop }, (_, i) => seenBeforeDrop + 1 + i);
    assert.deepEqual(second.sequences(), expected, 'every event after the last one seen, once each, in order');
    assert.ok(rejoined.headSequence > seenBeforeDrop, 'some events were missed while away');
    assert.ok(head > rejoined.headSequence, 'and some arrived live after the rejoin');
    const replayedText = second.events.map((e) => e.event.text);
    assert.ok(replayedText.includes('while Rosa is away 0'), 'the first note written while away is replayed');
    assert.deepEqual(
      second.events.map((e) => `${e.sequence}:${String(e.event.noteId)}`),
      moderator.events.filter((e) => e.sequence > seenBeforeDrop).map((e) => `${e.sequence}:${String(e.event.noteId)}`),
      'the rejoined client sees the same events as someone who never left',
    );
  });

  test('a client that rejoins with the head sequence receives nothing twice, only what is written afterwards', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites, moderator } = await startLiveSession(fixture.api, clients);
    const note = await moderator.command('AddNote', noteRequest('already seen'));
    const { client: observer, joined } = await clients.join(invites.observer, 'observer', 'Hal', note.sequence!);
    assert.equal(joined.headSequence, note.sequence);
    const next = await moderator.command('AddNote', noteRequest('new after the join'));
    await observer.waitForSequence(next.sequence!);
    assert.deepEqual(observer.sequences(), [next.sequence]);
  });

  test('a rejoin that claims to have seen events the session does not have is refused with invalidRequest', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites } = await startLiveSession(fixture.api, clients);
    const observer = await clients.connect(invites.observer);
    const result = await observer.join({ displayName: 'Ivo', lastSeenSequence: 999 });
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'invalidRequest');
  });
});
