import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Api, type TestSession } from './support/api.ts';
import { commandId, noteRequest, WireClient } from './support/client.ts';
import type { CommandResult, EventEnvelope, SessionState } from './support/protocol.ts';
import { ServerProcess, UNLIMITED_COMMANDS } from './support/server.ts';
import { within } from './support/timeouts.ts';

const TEST_TIMEOUT_MS = 120_000;
const OBSERVERS = 3;
/** Notes each observer keeps in flight at once (the server runs them one at a time per connection, in order). */
const NOTES_IN_FLIGHT = 8;
const TASKS = 50;
/** The server is killed the moment this many acknowledgements have arrived. */
const KILL_AFTER_ACKS = 200;

interface Sent {
  writer: number;
  method: 'AddNote' | 'StartTask' | 'EndTask';
  request: Record<string, unknown>;
  result?: CommandResult;
  failure?: Error;
}

function assertGapless(events: EventEnvelope[], label: string): void {
  assert.deepEqual(events.map((e) => e.sequence), Array.from({ length: events.length }, (_, i) => i + 1), `${label}: sequences 1…N without gaps`);
}

function assertEachCommandOnce(events: EventEnvelope[], state: SessionState, label: string): void {
  const byCommand = new Map<string, number>();
  for (const e of events) {
    byCommand.set(e.commandId, (byCommand.get(e.commandId) ?? 0) + 1);
  }
  assert.deepEqual([...byCommand.entries()].filter(([, n]) => n > 1), [], `${label}: no command applied twice`);
  const noteIds = state.notes.map((n) => n.id);
  assert.equal(new Set(noteIds).size, noteIds.length, `${label}: no note present twice`);
  const taskIds = state.attempts.map((a) => a.taskId);
  assert.equal(new Set(taskIds).size, taskIds.length, `${label}: no task attempt present twice`);
}

/** Every acknowledged command is in the log once, at the sequence it was acknowledged with, and in the state. */
function assertAcknowledgedPresent(sent: Sent[], events: EventEnvelope[], state: SessionState): void {
  const bySequence = new Map(events.map((e) => [e.sequence, e]));
  for (const command of sent.filter((s) => s.result?.ok)) {
    const event = bySequence.get(command.result!.sequence!);
    assert.ok(event, `acknowledged ${command.method} ${String(command.request.commandId)} (sequence ${command.result!.sequence}) is in the log`);
    assert.equal(event.commandId, command.request.commandId, `sequence ${event.sequence} holds the command that was acknowledged with it`);
    if (command.method === 'AddNote') {
      assert.equal(event.event.type, 'noteAdded');
      const notes = state.notes.filter((n) => n.id === command.request.noteId);
      assert.equal(notes.length, 1, `acknowledged note ${String(command.request.noteId)} is in the session once`);
      assert.equal(notes[0].text, command.request.text);
    } else {
      const attempt = state.attempts.find((a) => a.taskId === command.request.taskId);
      assert.ok(attempt, `acknowledged ${command.method} ${String(command.request.taskId)} has its attempt`);
      if (command.method === 'EndTask') {
        assert.equal(event.event.type, 'taskEnded');
        assert.equal(attempt.outcome, command.request.outcome);
      } else {
        assert.equal(event.event.type, 'taskStarted');
      }
    }
  }
}

async function readBack(api: Api, session: TestSession): Promise<{ state: SessionState; events: EventEnvelope[] }> {
  return { state: await api.getSession(session), events: await api.getEvents(session) };
}

describe('a crash of the server process', () => {
  const servers: ServerProcess[] = [];
  const clients: WireClient[] = [];

  after(async () => {
    await Promise.allSettled(clients.map((c) => c.stop()));
    for (const server of servers) {
      await server.stop();
    }
    servers[0]?.removeData();
  });

  test('kill -9 right after acknowledgements: every acknowledged note and task mark survives exactly once with gapless sequences, and re-sending every command duplicates nothing', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const first = await ServerProcess.start({ args: UNLIMITED_COMMANDS });
    servers.push(first);
    const api = new Api(first.url);
    const session = await api.createSession(TASKS);
    const invites = { moderator: await api.invite(session, 'moderator'), observer: await api.invite(session, 'observer') };

    // Each writer keeps the identity token of its first join, as the browser does, so after the restart it is the
    // same author re-sending its own commands (a retry is the same command from the same author).
    const identities: string[] = [];
    const connectAll = async (url: string) => {
      const writers: WireClient[] = [];
      for (let w = 0; w <= OBSERVERS; w++) {
        const client = await WireClient.connect(url, w === 0 ? invites.moderator : invites.observer);
        clients.push(client);
        const joined = await client.joinOk(w === 0
          ? { identityToken: identities[w], lastSeenSequence: 0 }
          : { displayName: `Observer ${w}`, identityToken: identities[w], lastSeenSequence: 0 });
        identities[w] ??= joined.identityToken;
        writers.push(client);
      }
      return writers;
    };
    const writers = await connectAll(first.url);
    assert.ok((await writers[0].command('StartSession', { commandId: commandId() })).ok);

    const sent: Sent[] = [];
    let acks = 0;
    let inFlightAtKill = -1;
    let killed = false;
    const record = async (writer: number, method: Sent['method'], request: Record<string, unknown>): Promise<boolean> => {
      const entry: Sent = { writer, method, request };
      sent.push(entry);
      try {
        entry.result = await within(writers[writer].send(method, request), `${method} to be answered or to fail`);
      } catch (error) {
        entry.failure = error as Error;
        return false;
      }
      assert.ok(entry.result.ok, `${method} was refused before the crash: ${JSON.stringify(entry.result.error)}`);
      if (++acks === KILL_AFTER_ACKS) {
        // Right here, with acknowledgements just in and more commands in flight, the process dies.
        inFlightAtKill = sent.filter((s) => !s.result && !s.failure).length;
        killed = true;
        process.kill(first.pid, 'SIGKILL');
      }
      return !killed;
    };

    const moderatorMarks = (async () => {
      for (let t = 0; t < TASKS; t++) {
        const taskId = session.taskIds[t];
        if (!await record(0, 'StartTask', { commandId: commandId(), taskId })) {
          return;
        }
        const outcome = (['success', 'partial', 'fail', 'skipped'] as const)[t % 4];
        if (!await record(0, 'EndTask', { commandId: commandId(), taskId, outcome, errors: t % 3, assists: t % 2 })) {
          return;
        }
      }
    })();
    const noteLanes = Array.from({ length: OBSERVERS }, (_, o) => o + 1).flatMap((w) =>
      Array.from({ length: NOTES_IN_FLIGHT }, async (_, lane) => {
        for (let n = 0; ; n++) {
          if (!await record(w, 'AddNote', noteRequest(`observer ${w} lane ${lane} note ${n}`, { tags: ['bug'] }))) {
            return;
          }
        }
      }));
    await within(Promise.all([moderatorMarks, ...noteLanes]), 'every writer to stop after the crash', 60_000);
    await first.kill9();

    assert.ok(killed, 'the server was killed mid-stream');
    assert.ok(inFlightAtKill > 0, 'commands were in flight at the kill');
    const acknowledged = sent.filter((s) => s.result?.ok);
    const unanswered = sent.filter((s) => !s.result);
    assert.ok(acknowledged.some((s) => s.method === 'EndTask') && acknowledged.some((s) => s.method === 'AddNote'));
    assert.ok(unanswered.length > 0, 'some commands never got an answer');

    const second = await ServerProcess.start({ dataDir: first.dataDir, args: UNLIMITED_COMMANDS });
    servers.push(second);
    const restartedApi = new Api(second.url);
    const afterCrash = await readBack(restartedApi, session);
    assertGapless(afterCrash.events, 'after the crash');
    assertEachCommandOnce(afterCrash.events, afterCrash.state, 'after the crash');
    assertAcknowledgedPresent(sent, afterCrash.events, afterCrash.state);
    assert.equal(afterCrash.state.sequence, afterCrash.events.length);
    // What was logged but not acknowledged (the ack died with the process) is at most what was in flight.
    assert.ok(afterCrash.events.length - 2 <= sent.length);
    assert.ok(afterCrash.events.length - 2 >= acknowledged.length);

    t.diagnostic(`sent ${sent.length}, acknowledged ${acknowledged.length}, in flight at the kill ${inFlightAtKill}, ` +
      `logged ${afterCrash.events.length - 2} (of which logged but never acknowledged: ${afterCrash.events.length - 2 - acknowledged.length})`);

    // Every client comes back and re-sends everything it ever sent, acknowledged or not, with the same commandIds.
    const again = await connectAll(second.url);
    const resent = await Promise.all(again.map(async (client, w) => {
      const answers: [Sent, CommandResult][] = [];
      for (const command of sent.filter((s) => s.writer === w)) {
        answers.push([command, await client.command(command.method, command.request)]);
      }
      return answers;
    }));
    for (const [command, answer] of resent.flat()) {
      assert.ok(answer.ok, `re-sent ${command.method} was refused: ${JSON.stringify(answer.error)}`);
      if (command.result?.ok) {
        assert.equal(answer.sequence, command.result.sequence, 'a re-sent acknowledged command gets its original sequence');
      }
    }

    const final = await readBack(restartedApi, session);
    assertGapless(final.events, 'after re-sending');
    assertEachCommandOnce(final.events, final.state, 'after re-sending');
    assertAcknowledgedPresent(sent, final.events, final.state);
    assert.equal(final.events.length, 2 + sent.length, 'schedule + start + every command sent, each exactly once');
    assert.deepEqual(final.events.slice(0, afterCrash.events.length), afterCrash.events, 'the log before the re-send is untouched');
  });
});
