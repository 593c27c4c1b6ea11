// Note fan-out load driver: drives the real SessionLab server and the bare relay hub in the same run, with many
// sessions of one moderator and several observers each, and prints latency, throughput, memory and CPU side by side.
// Figures, not pass/fail. bench/run-fanout.sh builds and starts both servers and runs this.
//
//   web/node_modules/.bin/tsx bench/load/fanout.ts --real-url URL --real-pid PID --bare-url URL --bare-pid PID
//     [--sessions 200] [--observers 10] [--rate 2] [--duration 30] [--warmup 5] [--drain 5]
//     [--mode alternate|parallel] [--slices 4] [--connect-concurrency 32] [--timeline]
//
// alternate (default): both servers' clients stay connected; the servers are driven in turn, in ABBA-ordered slices
// that add up to --duration each, so each is measured alone on the machine but under the same drift in its load.
// parallel: both are driven at once for --duration (they then compete for the same cores).
// --timeline also prints, per second of the run, each server's notes and their slowest fan-out, to show stalls.

import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  CLOCK_TICKS_PER_SECOND, type CommandResult, type Envelope, hubConnection, type JoinRequest, NOTE_TEXT, pool, quantile,
  readProc, sessionLabInvites, signalR, type SignalRModule, sleep, TAG,
} from './common.ts';

const { values: flags } = parseArgs({
  options: {
    'real-url': { type: 'string' },
    'real-pid': { type: 'string' },
    'bare-url': { type: 'string' },
    'bare-pid': { type: 'string' },
    'real-url-2': { type: 'string' },
    'real-pid-2': { type: 'string' },
    sessions: { type: 'string', default: '200' },
    observers: { type: 'string', default: '10' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    drain: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'alternate' },
    slices: { type: 'string', default: '4' },
    'connect-concurrency': { type: 'string', default: '32' },
    timeline: { type: 'boolean', default: false },
  },
});

const options = {
  sessions: Number(flags.sessions),
  observers: Number(flags.observers),
  ratePerSession: Number(flags.rate),
  durationS: Number(flags.duration),
  warmupS: Number(flags.warmup),
  drainS: Number(flags.drain),
  mode: flags.mode as 'alternate' | 'parallel',
  slices: Number(flags.slices),
  connectConcurrency: Number(flags['connect-concurrency']),
  timeline: flags.timeline,
};
if (!flags['real-url'] || !flags['bare-url'] || !flags['real-pid'] || !flags['bare-pid']) {
  console.error('Needs --real-url, --real-pid, --bare-url and --bare-pid (bench/run-fanout.sh passes them).');
  process.exit(2);
}
if (options.observers < 2 || !['alternate', 'parallel'].includes(options.mode) || !(options.slices >= 1)) {
  console.error('--observers must be at least 2 (one writes, the others receive); --mode is alternate or parallel; --slices at least 1.');
  process.exit(2);
}

interface SessionPlan {
  moderator: JoinRequest;
  observer: (index: number) => JoinRequest;
}

/**
 * One server under test (SessionLab may be two nodes of one cluster: then every other observer connects to the second):
 * how to set sessions up on it, and whether a started session needs StartSession.
 */
interface Target {
  name: string;
  url: string;
  pids: number[];
  /** Where observer `index` connects. */
  observerUrl(index: number): string;
  plan(sessions: number): Promise<SessionPlan[]>;
  startsSessions: boolean;
}

const secondNode = flags['real-url-2'];
const realServer: Target = {
  name: secondNode ? 'SessionLab ×2' : 'SessionLab',
  url: flags['real-url'],
  pids: [Number(flags['real-pid']), ...(flags['real-pid-2'] ? [Number(flags['real-pid-2'])] : [])],
  observerUrl: (index) => (secondNode && index % 2 === 1 ? secondNode : flags['real-url']!),
  startsSessions: true,
  async plan(sessions) {
    const invites = await sessionLabInvites(this.url, sessions);
    return invites.map(({ moderator, observer }) => ({
      moderator: { inviteToken: moderator, displayName: 'Moderator', lastSeenSequence: 0 },
      observer: (o: number) => ({ inviteToken: observer, displayName: `Observer ${o + 1}`, lastSeenSequence: 0 }),
    }));
  },
};

const bareHub: Target = {
  name: 'bare hub',
  url: flags['bare-url'],
  pids: [Number(flags['bare-pid'])],
  observerUrl: () => flags['bare-url']!,
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

/** Sessions connected and joined on one target, and everything measured while driving them. */
class Fleet {
  readonly logger = new CountingLogger();
  readonly sessions: { moderator: SignalRModule.HubConnection; observers: { connection: SignalRModule.HubConnection; id: string }[] }[] = [];
  // Notes sent while a measured window was open, with when they were sent, so each receipt can be timed.
  private readonly sent = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private measuring = false;
  private windowStart = { at: 0, cpuTicks: 0 };
  private rssSampler: NodeJS.Timeout | undefined;

  readonly latency: number[] = [];
  /** Per second of the run (by send time): receipts and the slowest of them. */
  readonly timeline = new Map<number, { receipts: number; maxMs: number }>();
  readonly ackLatency: number[] = [];
  notesSent = 0;
  notesAcked = 0;
  notesRefused = 0;
  notesFailed = 0;
  measuredSeconds = 0;
  measuredCpuTicks = 0;
  rssIdleKiB = NaN;
  rssPeakKiB = 0;

  constructor(readonly target: Target) {}

  get connectionCount(): number {
    return this.sessions.length * (options.observers + 1);
  }

  private connection(inviteToken: string, url = this.target.url): SignalRModule.HubConnection {
    return hubConnection(url, inviteToken, this.logger);
  }

  async connect(): Promise<void> {
    const started = performance.now();
    const plans = await this.target.plan(options.sessions);
    const joined = await pool(plans, Math.max(1, Math.floor(options.connectConcurrency / (options.observers + 1))), async (plan) => {
      const moderator = this.connection(plan.moderator.inviteToken);
      await moderator.start();
      await this.join(moderator, plan.moderator);
      if (this.target.startsSessions) {
        const started = await moderator.invoke<CommandResult>('StartSession', { commandId: randomUUID() });
        if (!started.ok) {
          throw new Error(`StartSession refused on ${this.target.name}: ${JSON.stringify(started.error)}`);
        }
      }
      const observers = await Promise.all(Array.from({ length: options.observers }, async (_, o) => {
        const connection = this.connection(plan.observer(o).inviteToken, this.target.observerUrl(o));
        let selfId = '';
        connection.on('Events', (batch: Envelope[]) => this.receive(batch, selfId));
        await connection.start();
        selfId = await this.join(connection, plan.observer(o));
        return { connection, id: selfId };
      }));
      return { moderator, observers };
    });
    this.sessions.push(...joined);
    console.error(`${this.target.name}: ${this.connectionCount} connections joined in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  private async join(connection: SignalRModule.HubConnection, request: JoinRequest): Promise<string> {
    const { inviteToken: _, ...join } = request;
    const result = await connection.invoke<{ ok: boolean; value: { you: { id: string } } | null; error: unknown }>('Join', join);
    if (!result.ok || !result.value) {
      throw new Error(`Join refused on ${this.target.name}: ${JSON.stringify(result.error)}`);
    }
    return result.value.you.id;
  }

  private receive(batch: Envelope[], selfId: string): void {
    const now = performance.now();
    for (const envelope of batch) {
      if (envelope.event.type === 'noteAdded' && envelope.actor.id !== selfId) {
        const sentAt = this.sent.get(envelope.event.noteId!);
        if (sentAt !== undefined) {
          this.latency.push(now - sentAt);
          const second = Math.floor(sentAt / 1000);
          const bucket = this.timeline.get(second) ?? { receipts: 0, maxMs: 0 };
          bucket.receipts++;
          bucket.maxMs = Math.max(bucket.maxMs, now - sentAt);
          this.timeline.set(second, bucket);
        }
      }
    }
  }

  /** Every session writes at the configured rate, each at a random phase, round-robin over its observers. */
  startWriting(): void {
    const intervalMs = 1000 / options.ratePerSession;
    this.rssSampler = setInterval(() => this.sampleRss(), 500);
    this.sessions.forEach((session, s) => {
      let turn = s;
      const tick = () => this.write(session.observers[turn++ % session.observers.length].connection);
      this.timers.push(setTimeout(() => this.timers.push(setInterval(tick, intervalMs)), Math.random() * intervalMs));
    });
  }

  stopWriting(): void {
    for (const timer of this.timers.splice(0)) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    clearInterval(this.rssSampler);
  }

  private write(writer: SignalRModule.HubConnection): void {
    const noteId = randomUUID();
    const measured = this.measuring;
    const sentAt = performance.now();
    if (measured) {
      this.sent.set(noteId, sentAt);
      this.notesSent++;
    }
    writer
      .invoke<CommandResult>('AddNote', { commandId: randomUUID(), noteId, clockOffsetMs: 0, text: NOTE_TEXT, tags: [TAG], kind: 'observation' })
      .then((result) => {
        if (!measured) {
          return;
        }
        if (result.ok) {
          this.notesAcked++;
          this.ackLatency.push(performance.now() - sentAt);
        } else {
          this.notesRefused++;
        }
      }, () => {
        if (measured) {
          this.notesFailed++;
        }
      });
  }

  sampleRss(): void {
    this.rssPeakKiB = Math.max(this.rssPeakKiB, this.rssKiB());
  }

  beginWindow(): void {
    this.windowStart = { at: performance.now(), cpuTicks: this.cpuTicks() };
    this.measuring = true;
    this.loopDelay.enable();
  }

  endWindow(): void {
    this.measuring = false;
    this.loopDelay.disable();
    this.measuredSeconds += (performance.now() - this.windowStart.at) / 1000;
    this.measuredCpuTicks += this.cpuTicks() - this.windowStart.cpuTicks;
  }

  /** Over all of the target's processes: a two-node SessionLab is measured as the whole it is. */
  rssKiB(): number {
    return this.target.pids.reduce((sum, pid) => sum + readProc(pid).rssKiB, 0);
  }

  private cpuTicks(): number {
    return this.target.pids.reduce((sum, pid) => sum + readProc(pid).cpuTicks, 0);
  }

  figures(): Figures {
    const latency = this.latency.slice().sort((a, b) => a - b);
    return {
      target: this.target.name,
      connections: this.connectionCount,
      notesSent: this.notesSent,
      notesAcked: this.notesAcked,
      notesNotOk: this.notesRefused + this.notesFailed,
      ackedPerSecond: this.notesAcked / this.measuredSeconds,
      receiptsPerSecond: latency.length / this.measuredSeconds,
      latency,
      ackLatency: this.ackLatency.slice().sort((a, b) => a - b),
      missingReceipts: this.notesAcked * (options.observers - 1) - latency.length,
      rssIdleMiB: this.rssIdleKiB / 1024,
      rssPeakMiB: this.rssPeakKiB / 1024,
      cpuPercent: (this.measuredCpuTicks / CLOCK_TICKS_PER_SECOND / this.measuredSeconds) * 100,
      loopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
      clientErrors: this.logger.errors,
      clientErrorSamples: this.logger.first,
    };
  }

  async stop(): Promise<void> {
    const all = this.sessions.flatMap((s) => [s.moderator, ...s.observers.map((o) => o.connection)]);
    await pool(all, 64, (c) => c.stop().catch(() => undefined));
  }
}

interface Figures {
  target: string;
  connections: number;
  notesSent: number;
  notesAcked: number;
  notesNotOk: number;
  ackedPerSecond: number;
  receiptsPerSecond: number;
  latency: number[];
  ackLatency: number[];
  missingReceipts: number;
  rssIdleMiB: number;
  rssPeakMiB: number;
  cpuPercent: number;
  loopDelayP99Ms: number;
  clientErrors: number;
  clientErrorSamples: string[];
}


/** Drives fleets over a window: warm-up first (not measured), then the measured window, then a pause for late receipts. */
async function drive(fleets: Fleet[], seconds: number, warmupSeconds: number): Promise<void> {
  for (const fleet of fleets) {
    fleet.startWriting();
  }
  // Sessions start at random phases within one interval: measure only once every session is writing.
  await sleep(Math.max(warmupSeconds, 1 / options.ratePerSession));
  if (seconds > 0) {
    fleets.forEach((f) => f.beginWindow());
    await sleep(seconds);
    fleets.forEach((f) => f.endWindow());
  }
  fleets.forEach((f) => f.stopWriting());
  // Let what is in flight arrive before the next slice starts, so slices do not overlap.
  await sleep(1);
}

function printTable(fleets: Fleet[]): void {
  const [real, bare] = [realServer, bareHub].map((t) => fleets.find((f) => f.target === t)!.figures());
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
  const rows: [string, (r: Figures) => number, (n: number) => string, boolean][] = [
    ['connections', (r) => r.connections, String, false],
    ['notes sent in the measured window', (r) => r.notesSent, String, false],
    ['notes acknowledged ok', (r) => r.notesAcked, String, false],
    ['notes refused or failed', (r) => r.notesNotOk, String, false],
    ['sustained notes/s (acknowledged)', (r) => r.ackedPerSecond, f1, true],
    ['fan-out receipts/s', (r) => r.receiptsPerSecond, f1, true],
    ['fan-out latency p50 (ms)', (r) => quantile(r.latency, 0.5), f2, true],
    ['fan-out latency p99 (ms)', (r) => quantile(r.latency, 0.99), f2, true],
    ['fan-out latency max (ms)', (r) => r.latency.at(-1) ?? NaN, f2, true],
    ['ack latency p50 (ms)', (r) => quantile(r.ackLatency, 0.5), f2, true],
    ['ack latency p99 (ms)', (r) => quantile(r.ackLatency, 0.99), f2, true],
    ['receipts missing', (r) => r.missingReceipts, String, false],
    ['server RSS, all joined, idle (MiB)', (r) => r.rssIdleMiB, f1, true],
    ['server RSS, peak under load (MiB)', (r) => r.rssPeakMiB, f1, true],
    ['server CPU while measured (% core)', (r) => r.cpuPercent, f1, true],
    // CPU time per note (its fan-out included) is the figure a busy machine disturbs least: it counts work, not waiting.
    ['server CPU per note (ms)', (r) => (r.cpuPercent * 10) / r.ackedPerSecond, f2, true],
    ['driver event-loop delay p99 (ms)', (r) => r.loopDelayP99Ms, f1, false],
    ['client errors', (r) => r.clientErrors, String, false],
  ];
  const width = 38;
  const plan = options.mode === 'parallel'
    ? `both driven at once for ${options.durationS} s`
    : `driven in turn, ${options.slices} slice(s) each, ${options.durationS} s measured per server`;
  console.log('');
  console.log(`Note fan-out: ${options.sessions} sessions × (1 moderator + ${options.observers} observers) per server, ` +
    `${options.ratePerSession} notes/s per session; ${plan}, after ${options.warmupS} s warm-up.`);
  console.log(`Machine: ${cpus().length} cores; load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start, ` +
    `${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end (the driver itself is one busy process).`);
  console.log(`Latency: from invoking AddNote to the Events call at each of the ${options.observers - 1} other observers. Ratio: SessionLab / bare hub.`);
  console.log('');
  console.log(`${''.padEnd(width)}${realServer.name.padStart(14)}${'bare hub'.padStart(12)}${'ratio'.padStart(9)}`);
  for (const [label, value, format, ratio] of rows) {
    const a = value(real);
    const b = value(bare);
    console.log(`${label.padEnd(width)}${format(a).padStart(14)}${format(b).padStart(12)}${(ratio ? f2(a / b) : '').padStart(9)}`);
  }
  if (options.timeline) {
    console.log('');
    console.log('Timeline: second of the run, receipts of notes sent in it, slowest receipt (ms)');
    for (const fleet of fleets) {
      const seconds = [...fleet.timeline.keys()].sort((a, b) => a - b);
      const first = Math.min(...fleets.flatMap((f) => [...f.timeline.keys()]));
      console.log(`  ${fleet.target.name}: ` + seconds.map((t) => {
        const b = fleet.timeline.get(t)!;
        return `${t - first}s ${b.receipts}/${b.maxMs.toFixed(0)}`;
      }).join(', '));
    }
  }
  for (const r of [real, bare]) {
    for (const sample of r.clientErrorSamples) {
      console.log(`  ${r.target} client error: ${sample}`);
    }
  }
}

const loadAtStart = loadavg();
// Both fleets stay connected for the whole run, so each server is measured with the same machine and driver state.
const fleets = [new Fleet(bareHub), new Fleet(realServer)];
for (const fleet of fleets) {
  await fleet.connect();
}
for (const fleet of fleets) {
  fleet.rssIdleKiB = fleet.rssKiB();
  fleet.rssPeakKiB = fleet.rssIdleKiB;
}
if (options.mode === 'parallel') {
  await drive(fleets, options.durationS, options.warmupS);
} else {
  // Warm each server up (JIT, pools), then alternate measured slices in ABBA order so drift in the machine's
  // load falls on both alike.
  for (const fleet of fleets) {
    await drive([fleet], 0, options.warmupS);
  }
  for (let slice = 0; slice < options.slices; slice++) {
    const order = slice % 2 === 0 ? fleets : [...fleets].reverse();
    for (const fleet of order) {
      await drive([fleet], options.durationS / options.slices, 0);
    }
  }
}
await sleep(options.drainS);
printTable(fleets);
await Promise.all(fleets.map((f) => f.stop()));
process.exit(0);
