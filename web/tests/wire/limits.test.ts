import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './support/fixture.ts';
import { noteRequest } from './support/client.ts';
import { startLiveSession } from './support/team.ts';
const TEST_TIMEOUT_MS = 60_000;

describe('command budgets over WebSockets', () => {
  // Five at once, then one a second: nothing refills in the time the test takes to send twenty.
  const fixture = useServer({ args: ['--Sessions:ConnectionCommandsPerSecond=1', '--Sessions:ConnectionCommandBurst=5'] });

  test('a connection that floods is told rateLimited with when to retry, what it was refused is not applied, and others are not held up', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { session, invites } = await startLiveSession(fixture.api, fixture.clients);
    const { client: flooder } = await fixture.clients.join(invites.observer, 'observer', 'Flood');
    const { client: neighbour } = await fixture.clients.join(invites.observer, 'observer', 'Neighbour');

    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => flooder.send('AddNote', noteRequest(`flood ${n}`))));
    const accepted = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok);

    assert.ok(accepted >= 5 && accepted <= 7, `5 at once and about one a second were taken, not ${accepted}`);
    for (const r of refused) {
      assert.equal(r.error?.code, 'rateLimited');
      assert.ok((r.error as { retryAfterMs?: number }).retryAfterMs! > 0, 'the refusal says when to send again');
    }
    const fromNeighbour = await neighbour.send('AddNote', noteRequest('not held up by the flood'));
    assert.ok(fromNeighbour.ok, 'another connection still gets its note in');
    const state = await fixture.api.getSession(session);
    assert.equal(state.notes.length, accepted + 1, 'refused notes were not applied');
  });
});
