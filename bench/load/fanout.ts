// Note fan-out load driver: drives the real SessionLab server and the bare relay hub in the same run, with many
// sessions of one moderator and several observers each, and prints latency, throughput, memory and CPU side by side.
// Figures, not pass/fail. bench/run-fanout.sh builds and starts both servers and runs this.
//
//   web/node_modules/.bin/tsx bench/load/fanout.ts --real-url URL --real-pid PID --bare-url URL --bare-pid PID
//     [--sessions 200] [--observers 10] [--rate 2] [--duration 30] [--warmup 5] [--mode sequential|parallel]
//     [--connect-concurrency 32]

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type * as SignalRModule from '@microsoft/signalr';

// The official client, from the web app's install (npm ci in web/): the bench adds no dependencies of its own.
const webDir = process.env.SESSIONLAB_WEB_DIR ?? fileURLToPath(new URL('../../web/', import.meta.url));
const signalR = createRequire(join(webDir, 'package.json'))('@microsoft/signalr') as typeof SignalRModule;

const { values: flags } = parseArgs({
  options: {
    'real-url': { type: 'string' },
    'real-pid': { type: 'string' },
    'bare-url': { type: 'string' },
    'bare-pid': { type: 'string' },
    sessions: { type: 'string', default: '200' },
    observers: { type: 'string', default: '10' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    drain: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'sequential' },
    'connect-concurrency': { type: 'string', default: '32' },
  },
});

const options = {
  sessions: Number(flags.sessions),
  observers: Number(flags.observers),
  ratePerSession: Number(flags.rate),
  durationS: Number(flags.duration),
  warmupS: Number(flags.warmup),
  drainS: Number(flags.drain),
  mode: flags.mode as 'sequential' | 'parallel',
  connectConcurrency: Number(flags['connect-concurrency']),
};
if (!flags['real-url'] || !flags['bare-url'] || !flags['real-pid'] || !flags['bare-pid']) {
  console.error('Needs --real-url, --real-pid, --bare-url and --bare-pid (bench/run-fanout.sh passes them).');
  process.exit(2);
}
if (options.observers < 2 || !['sequential', 'parallel'].includes(options.mode)) {
  console.error('--observers must be at least 2 (one writes, the others receive); --mode is sequential or parallel.');
  process.exit(2);
}

const TAG = 'confusion';
const NOTE_TEXT = 'Hesitated at the delivery options for a while, then scrolled back up to look for the basket total.';

interface JoinRequest {
  inviteToken: string;
  displayName?: string;
  lastSeenSequence: number;
}

interface SessionPlan {
  moderator: JoinRequest;
  observer: (index: number) => JoinRequest;
}

interface Envelope {
  sequence: number;
  actor: { id: string };
  event: { type: string; noteId?: string };
}

interface CommandResult {
  ok: boolean;
  sequence: number | null;
  error: { code: string; message: string } | null;
}

/** One server under test: how to set sessions up on it, and whether a started session needs StartSession. */
interface Target {
  name: string;
  url: string;
  pid: number;
  plan(sessions: number): Promise<SessionPlan[]>;
  startsSessions: boolean;
}

async function http<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }));
  return results;
}

const realServer: Target = {
  name: 'SessionLab',
  url: flags['real-url'],
  pid: Number(flags['real-pid']),
  startsSessions: true,
  async plan(sessions) {
    const created = await http<{ study: { id: string }; ownerToken: string }>(this.url, 'POST', '/api/studies', undefined, {
      name: 'Fan-out benchmark',
      goal: 'Load.',
      tasks: [{ title: 'Browse', instructions: 'Browse the shop.', successCriteria: 'Browses.', timeLimitSeconds: 600 }],
      tags: [{ name: TAG, color: '#b45309', hotkey: 1 }],
    });
    return pool(Array.from({ length: sessions }, (_, i) => i), 16, async (i) => {
      const session = await http<{ id: string }>(this.url, 'POST', `/api/studies/${created.study.id}/sessions`, created.ownerToken,
        { participantAlias: `P${i + 1}`, moderatorName: 'Moderator' });
      const invite = async (role: string) => (await http<{ token: string }>(this.url, 'POST', `/api/sessions/${session.id}/invites`, created.ownerToken, { role })).token;
      const moderator = await invite('moderator');
      const observer = await invite('observer');
      return {
        moderator: { inviteToken: moderator, displayName: 'Moderator', lastSeenSequence: 0 },
        observer: (o: number) => ({ inviteToken: observer, displayName: `Observer ${o + 1}`, lastSeenSequence: 0 }),
      };
    });
  },
};

const bareHub: Target = {
  name: 'bare hub',
  url: flags['bare-url'],
  pid: Number(flags['bare-pid']),
  startsSessions: false,
  async plan(sessions) {
    return Array.from({ length: sessions }, () => {
      const sessionId = `bench-${randomUUID()}`;
      return {
        moderator: { inviteToken: sessionId, displayName: 'Moderator', lastSeenSequence: 0 },
        observer: (o: number) => ({ inviteToken: sessionId, displayName: `Observer ${o + 1}`, lastSeenSequence: 0 }),
      };
    });
  },
};

/** Counts the client's own errors instead of printing 2,000 of them; shows the first few. */
class CountingLogger implements SignalRModule.ILogger {
  errors = 0;
  readonly first: string[] = [];

  log(level: SignalRModule.LogLevel, message: string): void {
    if (level >= signalR.LogLevel.Error) {
      this.errors++;
      if (this.first.length < 3) {
        this.first.push(message);
      }
    }
  }
}

function readProc(pid: number): { rssKiB: number; cpuTicks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssKiB, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}
const CLOCK_TICKS_PER_SECOND = 100;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

interface Figures {
  target: string;
  connections: number;
  notesSent: number;
  notesAcked: number;
  notesRefused: number;
  notesFailed: number;
  ackedPerSecond: number;
  deliveriesPerSecond: number;
  latency: number[];
  ackLatency: number[];
  missingDeliveries: number;
  rssIdleMiB: number;
  rssPeakMiB: number;
  rssEndMiB: number;
  cpuPercent: number;
  loopDelayP99Ms: number;
  clientErrors: number;
  clientErrorSamples: string[];
}

/** Sessions connected and joined on one target, ready to be driven. */
class Fleet {
  readonly logger = new CountingLogger();
  readonly sessions: { moderator: SignalRModule.HubConnection; observers: { connection: SignalRModule.HubConnection; id: string }[] }[] = [];
  // Per note sent inside the measured window: when it was sent, so each receipt can be timed.
  readonly sent = new Map<string, number>();
  readonly latency: number[] = [];
  deliveriesInWindow = 0;
  measuring = false;

  constructor(readonly target: Target) {}

  private connection(): SignalRModule.HubConnection {
    return new signalR.HubConnectionBuilder()
      .withUrl(new URL('/hubs/session', this.target.url).toString(), { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      .configureLogging(this.logger)
      .build();
  }

  async connect(): Promise<void> {
    const plans = await this.target.plan(options.sessions);
    const joined = await pool(plans, Math.max(1, Math.floor(options.connectConcurrency / (options.observers + 1))), async (plan) => {
      const moderator = this.connection();
      await moderator.start();
      await this.join(moderator, plan.moderator);
      if (this.target.startsSessions) {
        const started = await moderator.invoke<CommandResult>('StartSession', { commandId: randomUUID() });
        if (!started.ok) {
          throw new Error(`StartSession refused on ${this.target.name}: ${JSON.stringify(started.error)}`);
        }
      }
      const observers = await Promise.all(Array.from({ length: options.observers }, async (_, o) => {
        const connection = this.connection();
        let selfId = '';
        connection.on('Events', (batch: Envelope[]) => this.receive(batch, selfId));
        await connection.start();
        selfId = await this.join(connection, plan.observer(o));
        return { connection, id: selfId };
      }));
      return { moderator, observers };
    });
    this.sessions.push(...joined);
  }

  private async join(connection: SignalRModule.HubConnection, request: JoinRequest): Promise<string> {
    const result = await connection.invoke<{ ok: boolean; value: { you: { id: string } } | null; error: unknown }>('Join', request);
    if (!result.ok || !result.value) {
      throw new Error(`Join refused on ${this.target.name}: ${JSON.stringify(result.error)}`);
    }
    return result.value.you.id;
  }

  private receive(batch: Envelope[], selfId: string): void {
    const now = performance.now();
    for (const envelope of batch) {
      if (envelope.event.type !== 'noteAdded' || envelope.actor.id === selfId) {
        continue;
      }
      const sentAt = this.sent.get(envelope.event.noteId!);
      if (sentAt !== undefined) {
        this.latency.push(now - sentAt);
      }
      if (this.measuring) {
        this.deliveriesInWindow++;
      }
    }
  }

  get connectionCount(): number {
    return this.sessions.length * (options.observers + 1);
  }

  async stop(): Promise<void> {
    const all = this.sessions.flatMap((s) => [s.moderator, ...s.observers.map((o) => o.connection)]);
    await pool(all, 64, (c) => c.stop().catch(() => undefined));
  }
}

/** Drives every session of a fleet at the configured rate: warm-up, measured window, then a drain for late receipts. */
async function drive(fleet: Fleet): Promise<Figures> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const intervalMs = 1000 / options.ratePerSession;
  const ackLatency: number[] = [];
  let notesSent = 0;
  let notesAcked = 0;
  let notesRefused = 0;
  let notesFailed = 0;
  let inWindow = false;
  const idle = readProc(fleet.target.pid);
  let rssPeakKiB = idle.rssKiB;

  const timers: NodeJS.Timeout[] = [];
  const starters: NodeJS.Timeout[] = [];
  fleet.sessions.forEach((session, s) => {
    let turn = s;
    const tick = () => {
      const writer = session.observers[turn++ % session.observers.length];
      const noteId = randomUUID();
      const measured = inWindow;
      const sentAt = performance.now();
      if (measured) {
        fleet.sent.set(noteId, sentAt);
        notesSent++;
      }
      writer.connection
        .invoke<CommandResult>('AddNote', { commandId: randomUUID(), noteId, clockOffsetMs: 0, text: NOTE_TEXT, tags: [TAG], kind: 'observation' })
        .then((result) => {
          if (!measured) {
            return;
          }
          if (result.ok) {
            notesAcked++;
            ackLatency.push(performance.now() - sentAt);
          } else {
            notesRefused++;
          }
        }, () => {
          if (measured) {
            notesFailed++;
          }
        });
    };
    // Sessions start at random phases, as real sessions would, instead of all writing on the same millisecond.
    starters.push(setTimeout(() => timers.push(setInterval(tick, intervalMs)), Math.random() * intervalMs));
  });
  const sampler = setInterval(() => {
    rssPeakKiB = Math.max(rssPeakKiB, readProc(fleet.target.pid).rssKiB);
  }, 500);

  await new Promise((resolve) => setTimeout(resolve, options.warmupS * 1000));
  const windowStart = { cpu: readProc(fleet.target.pid).cpuTicks, at: performance.now() };
  inWindow = true;
  fleet.measuring = true;
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000));
  inWindow = false;
  fleet.measuring = false;
  loop.disable();
  const windowEnd = { cpu: readProc(fleet.target.pid).cpuTicks, at: performance.now() };
  const ackedInWindow = notesAcked;
  for (const timer of [...starters, ...timers]) {
    clearTimeout(timer);
    clearInterval(timer);
  }
  // Receipts of notes sent in the window may still be on their way: wait for them, then count what never came.
  await new Promise((resolve) => setTimeout(resolve, options.drainS * 1000));
  clearInterval(sampler);
  const end = readProc(fleet.target.pid);
  const windowS = (windowEnd.at - windowStart.at) / 1000;
  const latency = fleet.latency.slice().sort((a, b) => a - b);
  return {
    target: fleet.target.name,
    connections: fleet.connectionCount,
    notesSent,
    notesAcked,
    notesRefused,
    notesFailed,
    ackedPerSecond: ackedInWindow / windowS,
    deliveriesPerSecond: fleet.deliveriesInWindow / windowS,
    latency,
    ackLatency: ackLatency.sort((a, b) => a - b),
    missingDeliveries: notesAcked * (options.observers - 1) - latency.length,
    rssIdleMiB: idle.rssKiB / 1024,
    rssPeakMiB: Math.max(rssPeakKiB, end.rssKiB) / 1024,
    rssEndMiB: end.rssKiB / 1024,
    cpuPercent: ((windowEnd.cpu - windowStart.cpu) / CLOCK_TICKS_PER_SECOND / windowS) * 100,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    clientErrors: fleet.logger.errors,
    clientErrorSamples: fleet.logger.first,
  };
}

async function connectFleet(target: Target): Promise<Fleet> {
  const fleet = new Fleet(target);
  const started = performance.now();
  await fleet.connect();
  console.error(`${target.name}: ${fleet.connectionCount} connections joined in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return fleet;
}

function printTable(results: Figures[]): void {
  const [real, bare] = [results.find((r) => r.target === realServer.name)!, results.find((r) => r.target === bareHub.name)!];
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  const rows: [string, (r: Figures) => number, (n: number) => string, boolean][] = [
    ['connections', (r) => r.connections, String, false],
    ['notes sent in window', (r) => r.notesSent, String, false],
    ['notes acknowledged (ok)', (r) => r.notesAcked, String, false],
    ['notes refused / failed', (r) => r.notesRefused + r.notesFailed, String, false],
    ['sustained notes/s (acked)', (r) => r.ackedPerSecond, f1, true],
    ['fan-out deliveries/s', (r) => r.deliveriesPerSecond, f1, true],
    ['fan-out latency p50 (ms)', (r) => quantile(r.latency, 0.5), f2, true],
    ['fan-out latency p99 (ms)', (r) => quantile(r.latency, 0.99), f2, true],
    ['fan-out latency max (ms)', (r) => r.latency.at(-1) ?? NaN, f2, true],
    ['ack latency p50 (ms)', (r) => quantile(r.ackLatency, 0.5), f2, true],
    ['ack latency p99 (ms)', (r) => quantile(r.ackLatency, 0.99), f2, true],
    ['receipts missing after drain', (r) => r.missingDeliveries, String, false],
    ['server RSS, joined & idle (MiB)', (r) => r.rssIdleMiB, f1, true],
    ['server RSS, peak (MiB)', (r) => r.rssPeakMiB, f1, true],
    ['server CPU in window (% of a core)', (r) => r.cpuPercent, f1, true],
    ['driver event-loop delay p99 (ms)', (r) => r.loopDelayP99Ms, f1, false],
    ['client errors', (r) => r.clientErrors, String, false],
  ];
  const width = 36;
  console.log('');
  console.log(`Note fan-out: ${options.sessions} sessions × (1 moderator + ${options.observers} observers), ${options.ratePerSession} notes/s per session, ` +
    `${options.durationS} s measured after ${options.warmupS} s warm-up, mode ${options.mode}`);
  console.log(`Latency: from invoking AddNote to the Events call at each other observer (${options.observers - 1} receipts per note).`);
  console.log('');
  console.log(`${''.padEnd(width)}${'SessionLab'.padStart(12)}${'bare hub'.padStart(12)}${'ratio'.padStart(9)}`);
  for (const [label, value, format, ratio] of rows) {
    const a = value(real);
    const b = value(bare);
    console.log(`${label.padEnd(width)}${format(a).padStart(12)}${format(b).padStart(12)}${(ratio ? f2(a / b) : '').padStart(9)}`);
  }
  for (const r of results) {
    for (const sample of r.clientErrorSamples) {
      console.log(`  ${r.target} client error: ${sample}`);
    }
  }
}

const results: Figures[] = [];
if (options.mode === 'parallel') {
  const fleets = [await connectFleet(bareHub), await connectFleet(realServer)];
  results.push(...(await Promise.all(fleets.map(drive))));
  await Promise.all(fleets.map((f) => f.stop()));
} else {
  for (const target of [bareHub, realServer]) {
    const fleet = await connectFleet(target);
    results.push(await drive(fleet));
    await fleet.stop();
  }
}
printTable(results);
process.exit(0);
