// A moderator's command whose answer is lost with the connection: the server may or may not have applied it, so the
// console sends the same command (same commandId) again once it has re-joined, and the server applies it once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession, sessionEvents } from './support/api.ts';
import { watchErrors } from './support/browser.ts';
import { closeAll, connected, type Person } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

/** SignalR's JSON protocol: text frames, each message ended by the record separator. */
const frames = (message: string | Buffer): { type?: number; target?: string; invocationId?: string }[] =>
  typeof message === 'string' ? message.split('\x1e').filter(Boolean).map((frame) => JSON.parse(frame)) : [];

test('an End task whose answer is lost with the connection is sent again on re-join and applied once', { timeout: 90_000 }, async () => {
  const links = await createSession(env.server.url);
  let moderator: Person | undefined;
  try {
    // The moderator's WebSockets go through a relay that, once armed, lets End task reach the server, then drops the
    // connection instead of passing the server's answer on.
    let armed = false;
    let endTasksSent = 0;
    let answersDropped = 0;
    const context = await env.tb.context();
    await withTimeout(context.routeWebSocket(/\/hubs\/session/, (page) => {
      const server = page.connectToServer();
      let pending: string | undefined;
      page.onMessage((message) => {
        for (const m of frames(message)) {
          if (m.type === 1 && m.target === 'EndTask') {
            endTasksSent++;
            if (armed) pending = m.invocationId;
          }
        }
        server.send(message);
      });
      server.onMessage((message) => {
        if (pending !== undefined && frames(message).some((m) => m.type === 3 && m.invocationId === pending)) {
          armed = false;
          pending = undefined;
          answersDropped++;
          void page.close({ code: 4000, reason: 'dropped by the test' });
          void server.close();
          return;
        }
        page.send(message);
      });
    }), 10_000, 'the WebSocket relay');
    const page = await withTimeout(context.newPage(), 15_000, 'the moderator page');
    moderator = { context, page, errors: watchErrors(page, 'moderator') };
    await page.goto(links.moderator);
    await connected(page);

    await page.getByRole('button', { name: /Start session/ }).click();
    await page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await page.getByLabel(/Success/).check();
    armed = true;
    await page.getByRole('button', { name: /End task/ }).click();

    // The console says what it is doing, re-joins by itself, and the repeated command succeeds.
    await eventually(() => answersDropped === 1, 'the answer to End task to be dropped');
    await eventually(() => endTasksSent === 2, 'End task to be sent again after the re-join', 30_000);
    await page.locator('[data-testid=connection][data-state=connected]').waitFor();
    await page.getByRole('button', { name: /Start task 2/ }).waitFor();
    await eventually(async () => (await page.getByTestId('alerts').textContent())?.trim() === '', 'the console to clear its message once the task ended');

    const ended = (await sessionEvents(env.server.url, links)).filter((e) => e.event.type === 'taskEnded');
    assert.equal(ended.length, 1, 'the task ended exactly once');
    assert.deepEqual(moderator.errors.filter((e) => !/WebSocket|connection/i.test(e)), []);
  } finally {
    await closeAll(moderator);
  }
});
