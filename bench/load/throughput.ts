// Throughput and catch-up driver: how many durable, acknowledged notes/s SessionLab takes at saturation (beside the
// bare relay hub in the same run), and how long a client that missed 1,000 events takes to catch up on re-join
// (beside a re-join that missed nothing). Figures, not pass/fail. bench/run-fanout.sh --throughput runs it.
//
//   web/node_modules/.bin/tsx bench/load/throughput.ts --real-url URL --real-pid PID --bare-url URL --bare-pid PID
//     [--sessions 50] [--inflight 8] [--duration 10] [--missed 1000] [--rejoins 10]

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  CLOCK_TICKS_PER_SECOND, type CommandResult, type Envelope, hubConnection, NOTE_TEXT, pool, quantile, readProc,
  sessionLabInvites, type SignalRModule, sleep, TAG,
} from './common.ts';

const { values: flags } = parseArgs({
  options: {
    'real-url': { type: 'string' },
    'real-pid': { type: 'string' },
    'bare-url': { type: 'string' },
    'bare-pid': { type: 'string' },
    sessions: { type: 'string', default: '50' },
    inflight: { type: 'string', default: '8' },
    duration: { type: 'string', default: '10' },
    missed: { type: 'string', default: '1000' },
    rejoins: { type: 'string', default: '10' },
  },
});
if (!flags['real-url'] || !flags['bare-url'] || !flags['real-pid'] || !flags['bare-pid']) {
  console.error('Needs --real-url, --real-pid, --bare-url and --bare-pid (bench/run-fanout.sh --throughput passes them).');
  process.exit(2);
}
const sessions = Number(flags.sessions);
const inflight = Number(flags.inflight);
const durationS = Number(flags.duration);
const missed = Number(flags.missed);
const rejoins = Number(flags.rejoins);

function note() {
  return { commandId: randomUUID(), noteId: randomUUID(), clockOffsetMs: 0, text: NOTE_TEXT, tags: [TAG], kind: 'observation' };
}

async function join(connection: SignalRModule.HubConnection, lastSeenSequence = 0): Promise<number> {
  const result = await connection.invoke<{ ok: boolean; value: { headSequence: number } | null; error: unknown }>(
    'Join', { displayName: 'Load', lastSeenSequence });
  if (!result.ok || !result.value) {
    throw new Error(`Join refused: ${JSON.stringify(result.error)}`);
  }
  return result.value.headSequence;
}

/** One writer per session keeps `inflight` AddNote calls outstanding for the whole window: a closed loop at saturation. */
async function saturate(name: string, url: string, pid: number, invites: { moderator: string; observer: string }[], startsSessions: boolean) {
  const writers = await pool(invites, 8, async (invite) => {
    const moderator = hubConnection(url, invite.moderator);
    await moderator.start();
    await join(moderator);
    if (startsSessions) {
      await moderator.invoke<CommandResult>('StartSession', { commandId: randomUUID() });
    }
    const writer = hubConnection(url, invite.observer);
    await writer.start();
    await join(writer);
    return { moderator, writer };
  });
  let acked = 0;
  let refused = 0;
  let open = true;
  const ackLatency: number[] = [];
  const cpuBefore = readProc(pid).cpuTicks;
  const started = performance.now();
  const loops = writers.flatMap(({ writer }) => Array.from({ length: inflight }, async () => {
    while (open) {
      const sentAt = performance.now();
      const result = await writer.invoke<CommandResult>('AddNote', note()).catch(() => null);
      if (result?.ok) {
        acked++;
        ackLatency.push(performance.now() - sentAt);
      } else {
        refused++;
      }
    }
  }));
  await sleep(durationS);
  open = false;
  const seconds = (performance.now() - started) / 1000;
  const cpu = (readProc(pid).cpuTicks - cpuBefore) / CLOCK_TICKS_PER_SECOND / seconds;
  await Promise.all(loops);
  await pool(writers.flatMap((w) => [w.moderator, w.writer]), 32, (c) => c.stop());
  ackLatency.sort((a, b) => a - b);
  return { name, perSecond: acked / seconds, refused, p50: quantile(ackLatency, 0.5), p99: quantile(ackLatency, 0.99), cpu };
}

/** A session with `missed` notes; observers join with nothing and time how long until they hold every event. */
async function catchUp(url: string) {
  const [invite] = await sessionLabInvites(url, 1);
  const moderator = hubConnection(url, invite.moderator);
  await moderator.start();
  await join(moderator);
  await moderator.invoke<CommandResult>('StartSession', { commandId: randomUUID() });
  let head = 0;
  await pool(Array.from({ length: missed }), 32, async () => {
    const result = await moderator.invoke<CommandResult>('AddNote', note());
    head = Math.max(head, result.sequence ?? 0);
  });
  const timeToHold = async (lastSeen: number) => {
    const observer = hubConnection(url, invite.observer);
    let holding = lastSeen;
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (done = resolve));
    observer.on('Events', (batch: Envelope[]) => {
      holding = batch[batch.length - 1].sequence;
      if (holding >= head) {
        done();
      }
    });
    await observer.start();
    const started = performance.now();
    await join(observer, lastSeen);
    if (lastSeen < head) {
      await all;
    }
    const elapsed = performance.now() - started;
    await observer.stop();
    return elapsed;
  };
  await timeToHold(0);
  const full: number[] = [];
  const nothing: number[] = [];
  for (let i = 0; i < rejoins; i++) {
    full.push(await timeToHold(head - missed));
    nothing.push(await timeToHold(head));
  }
  await moderator.stop();
  full.sort((a, b) => a - b);
  nothing.sort((a, b) => a - b);
  return { head, full, nothing };
}

const realInvites = await sessionLabInvites(flags['real-url'], sessions);
const bareInvites = Array.from({ length: sessions }, () => {
  const id = `bench-${randomUUID()}`;
  return { moderator: id, observer: id };
});
const bare = await saturate('bare hub', flags['bare-url'], Number(flags['bare-pid']), bareInvites, false);
const real = await saturate('SessionLab', flags['real-url'], Number(flags['real-pid']), realInvites, true);
const caught = await catchUp(flags['real-url']);

const f = (n: number) => n.toFixed(1);
console.log('');
console.log(`Saturation: ${sessions} sessions, one writer each with ${inflight} AddNote calls always outstanding, ${durationS} s per server.`);
console.log(`${''.padEnd(36)}${'SessionLab'.padStart(12)}${'bare hub'.padStart(12)}`);
console.log(`${'acknowledged notes/s'.padEnd(36)}${f(real.perSecond).padStart(12)}${f(bare.perSecond).padStart(12)}`);
console.log(`${'ack latency p50 (ms)'.padEnd(36)}${f(real.p50).padStart(12)}${f(bare.p50).padStart(12)}`);
console.log(`${'ack latency p99 (ms)'.padEnd(36)}${f(real.p99).padStart(12)}${f(bare.p99).padStart(12)}`);
console.log(`${'refused or failed'.padEnd(36)}${String(real.refused).padStart(12)}${String(bare.refused).padStart(12)}`);
console.log(`${'server CPU (cores)'.padEnd(36)}${f(real.cpu).padStart(12)}${f(bare.cpu).padStart(12)}`);
console.log('');
console.log(`Catch-up: a session at event ${caught.head}; an observer re-joins having missed ${missed} events, ${rejoins} times, ` +
  'timed from invoking Join to holding the last event; beside it, a re-join that missed nothing.');
console.log(`${''.padEnd(36)}${'p50 (ms)'.padStart(12)}${'max (ms)'.padStart(12)}`);
console.log(`${`missed ${missed}`.padEnd(36)}${f(quantile(caught.full, 0.5)).padStart(12)}${f(caught.full.at(-1)!).padStart(12)}`);
console.log(`${'missed nothing'.padEnd(36)}${f(quantile(caught.nothing, 0.5)).padStart(12)}${f(caught.nothing.at(-1)!).padStart(12)}`);
process.exit(0);
