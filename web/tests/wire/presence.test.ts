import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { UNLIMITED_COMMANDS } from './support/server.ts';
import { noteRequest, WireClient } from './support/client.ts';
import type { PresenceEntry } from './support/protocol.ts';
import { startLiveSession } from './support/team.ts';
import { eventually, sleep } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 90_000;

const names = (people: PresenceEntry[] | undefined) => (people ?? []).map((p) => `${p.displayName}×${p.connections}`).sort();

describe('presence over WebSockets', () => {
  // One test replays a 3,000-note log: its notes are sent faster than the budgets let one client send.
  const fixture = useServer({ args: UNLIMITED_COMMANDS });
  const { clients } = fixture;

  test('the team sees who is connected, and someone whose connection drops leaves the list', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites, moderator } = await startLiveSession(fixture.api, clients);
    const { client: observer } = await clients.join(invites.observer, 'observer', 'Pia');
    await clients.join(invites.participant, 'participant');
    await eventually(() => names(moderator.presence.at(-1)).join() === 'Mona×1,Participant×1,Pia×1', 'the moderator sees all three');
    await observer.drop();
    await eventually(() => names(moderator.presence.at(-1)).join() === 'Mona×1,Participant×1', 'the dropped observer leaves the list');
  });

  test('a moderator who joins without a name is called by the name the session was scheduled with', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites, moderator } = await startLiveSession(fixture.api, clients);
    const { joined } = await clients.join(invites.moderator, 'moderator');
    assert.equal(joined.you.displayName, 'Mona');
    const monas = () => (moderator.presence.at(-1) ?? []).filter((p) => p.displayName === 'Mona').reduce((n, p) => n + p.connections, 0);
    await eventually(() => monas() === 2, 'the team to see both moderator connections under the scheduled name');
  });

  test('clients whose connections drop while their Join is still being answered do not stay in presence', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { invites, moderator } = await startLiveSession(fixture.api, clients);
    // A long log (about 7 MB of replay) makes each join take a while, so the drops below land mid-join.
    const notes = 3_000;
    for (let batch = 0; batch < notes / 500; batch++) {
      await Promise.all(Array.from({ length: 500 }, (_, n) => moderator.send('AddNote', noteRequest(`${batch}/${n} ${'x'.repeat(1_990)}`))));
    }
    const head = notes + 2;

    // Dropped while the server reads the replay from the log...
    for (const delayMs of [0, 1, 2, 4, 8, 16, 32]) {
      const leaving = await WireClient.connect(fixture.server.url, invites.observer);
      leaving.connection.invoke('Join', { displayName: `Gone after ${delayMs} ms`, lastSeenSequence: 0 }).catch(() => undefined);
      await sleep(delayMs);
      await leaving.drop();
    }
    // ...and while it is stuck sending the replay to a client that stopped reading. SignalR runs the disconnect
    // handler while the Join is still running, so which finishes first is a race: try several times.
    for (let attempt = 0; attempt < 4; attempt++) {
      const stalled = await WireClient.connect(fixture.server.url, invites.observer);
      stalled.stopReading();
      stalled.connection.invoke('Join', { displayName: `Stalled ${attempt}`, lastSeenSequence: 0 }).catch(() => undefined);
      await sleep(500);
      await stalled.drop();
    }

    // Give the abandoned joins time to finish, then look at presence as the server holds it.
    await sleep(1_000);
    const { client: probe } = await clients.join(invites.observer, 'observer', 'Probe', head);
    await eventually(() => probe.presence.length > 0, 'the probe receives presence');
    await sleep(500);
    assert.deepEqual(names(probe.presence.at(-1)), ['Mona×1', 'Probe×1'], 'only the connected people are present');
  });
});
