import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
// ws is the WebSocket the SignalR client itself uses in Node (a dependency of @microsoft/signalr).
import WebSocket from 'ws';
import { useServer } from './support/fixture.ts';
import { hubUrl } from './support/client.ts';
import { within, sleep } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 60_000;
const RS = '\x1e';
/** Far above the configured 2 s, so the tests do not race the server's once-a-second heartbeat. */
const CLOSE_WITHIN_MS = 15_000;

interface RawConnection {
  socket: WebSocket;
  /** Every SignalR message the server sent, parsed; the handshake answer is `{}`. */
  messages: Record<string, unknown>[];
  closed: Promise<{ code: number; afterMs: number }>;
}

/**
 * A WebSocket to the hub with no SignalR client in between: it sends only what the test tells it to, so it can be as
 * silent, or as wrong, as an attacker's.
 */
function openRaw(baseUrl: string, handshake = true): Promise<RawConnection> {
  return within(new Promise<RawConnection>((resolve, reject) => {
    // A working observer link: only a connection the hub's policy lets in can be silent inside it.
    const socket = new WebSocket(hubUrl(baseUrl, invite).replace(/^http/, 'ws'));
    const messages: Record<string, unknown>[] = [];
    const opened = Date.now();
    const closed = new Promise<{ code: number; afterMs: number }>((done) => socket.on('close', (code) => done({ code, afterMs: Date.now() - opened })));
    socket.on('message', (data) => {
      for (const frame of data.toString().split(RS).filter(Boolean)) {
        messages.push(JSON.parse(frame) as Record<string, unknown>);
      }
    });
    socket.on('error', reject);
    socket.on('open', () => {
      if (handshake) {
        socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
      }
      resolve({ socket, messages, closed });
    });
  }), 'the WebSocket to open');
}

let invite = '';

const send = (c: RawConnection, message: object) => c.socket.send(JSON.stringify(message) + RS);
const isOpen = (c: RawConnection) => c.socket.readyState === WebSocket.OPEN;

describe('connections that send nothing, or what the hub does not know', () => {
  // Short timeouts through settings, as an operator would set them, so waiting for them is quick.
  const fixture = useServer({ args: ['--Hub:ClientTimeoutInterval=00:00:02', '--Hub:KeepAliveInterval=00:00:01', '--Hub:HandshakeTimeout=00:00:02'] });
  before(async () => {
    invite = await fixture.api.invite(await fixture.api.createSession(), 'observer');
  });

  test('a connection that completes the handshake and then sends nothing is closed after the client timeout', { timeout: TEST_TIMEOUT_MS }, async () => {
    const silent = await openRaw(fixture.server.url);

    const { afterMs } = await within(silent.closed, 'the silent connection to be closed', CLOSE_WITHIN_MS);

    assert.deepEqual(silent.messages[0], {}, 'the handshake succeeded');
    assert.ok(afterMs >= 1_500, `closed after ${afterMs} ms, not before the timeout`);
  });

  test('a connection that only pings stays open well past the client timeout', { timeout: TEST_TIMEOUT_MS }, async () => {
    const pinging = await openRaw(fixture.server.url);
    const silent = await openRaw(fixture.server.url);
    const pings = setInterval(() => send(pinging, { type: 6 }), 500);
    try {
      await within(silent.closed, 'the silent one beside it to be closed', CLOSE_WITHIN_MS);
      await sleep(2_500);
      assert.ok(isOpen(pinging), 'a client that pings is never taken for a silent one');
    } finally {
      clearInterval(pings);
      pinging.socket.close();
    }
  });

  test('a connection that never sends the handshake is closed after the handshake timeout', { timeout: TEST_TIMEOUT_MS }, async () => {
    const mute = await openRaw(fixture.server.url, false);

    await within(mute.closed, 'the connection without a handshake to be closed', CLOSE_WITHIN_MS);
  });

  test('a message of an unknown type closes the connection with an error that says so', { timeout: TEST_TIMEOUT_MS }, async () => {
    const connection = await openRaw(fixture.server.url);

    send(connection, { type: 99, target: 'AddNote' });

    await within(connection.closed, 'the connection to be closed', CLOSE_WITHIN_MS);
    const close = connection.messages.find((m) => m.type === 7);
    assert.ok(close, `a close message came first: ${JSON.stringify(connection.messages)}`);
    assert.match(String(close.error), /type this server does not know/);
  });

  test('a fire-and-forget call to a method the hub does not have closes the connection; a call that waits for its answer gets an error', { timeout: TEST_TIMEOUT_MS }, async () => {
    const unanswerable = await openRaw(fixture.server.url);
    const asking = await openRaw(fixture.server.url);

    send(unanswerable, { type: 1, target: 'DropTables', arguments: [{}] });
    send(asking, { type: 1, invocationId: '1', target: 'DropTables', arguments: [{}] });

    await within(unanswerable.closed, 'the connection to be closed', CLOSE_WITHIN_MS);
    assert.match(String(unanswerable.messages.find((m) => m.type === 7)?.error), /no method 'DropTables'/);
    await within((async () => {
      while (!asking.messages.some((m) => m.type === 3)) {
        await sleep(50);
      }
    })(), 'the error completion');
    const completion = asking.messages.find((m) => m.type === 3)!;
    assert.equal(completion.invocationId, '1');
    assert.match(String(completion.error), /DropTables/);
    asking.socket.close();
  });

  test('the server keeps serving new connections after closing these', { timeout: TEST_TIMEOUT_MS }, async () => {
    const connection = await openRaw(fixture.server.url);
    send(connection, { type: 1, invocationId: '1', target: 'Join', arguments: [{ displayName: '', lastSeenSequence: 0 }] });

    await within((async () => {
      while (!connection.messages.some((m) => m.type === 3)) {
        await sleep(50);
      }
    })(), 'Join to be answered');
    const result = connection.messages.find((m) => m.type === 3)!.result as { ok: boolean; error: { code: string } };
    assert.equal(result.ok, false);
    assert.equal(result.error.code, 'invalidDisplayName');
    connection.socket.close();
  });
});
