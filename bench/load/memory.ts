// Memory driver: fills sessions with large notes (by default 20 sessions × 5,000 notes of 2,000 characters, the most a
// session takes), then lets every client go and watches the server's memory while the sessions sit idle. It answers
// "what does a server hold for sessions nobody is in, and does it give it back?". Figures, not pass/fail.
// bench/run-memory.sh runs it and takes heap dumps (dotnet-gcdump) at the peak and after the idle wait.
//
//   web/node_modules/.bin/tsx bench/load/memory.ts --url URL --pid PID [--sessions 20] [--notes 5000] [--length 2000]
//     [--inflight 8] [--idle 90] [--mark-file F]

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CommandResult, hubConnection, pool, readProc, sessionLabInvites, sleep, TAG } from './common.ts';

const { values: flags } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    sessions: { type: 'string', default: '20' },
    notes: { type: 'string', default: '5000' },
    length: { type: 'string', default: '2000' },
    inflight: { type: 'string', default: '8' },
    idle: { type: 'string', default: '90' },
    'mark-file': { type: 'string' },
  },
});
if (!flags.url || !flags.pid) {
  console.error('Needs --url and --pid (bench/run-memory.sh passes them).');
  process.exit(2);
}
const url = flags.url;
const pid = Number(flags.pid);
const sessions = Number(flags.sessions);
const notesPerSession = Number(flags.notes);
const text = 'A long observation. '.repeat(Math.ceil(Number(flags.length) / 20)).slice(0, Number(flags.length));
const inflight = Number(flags.inflight);
const idleSeconds = Number(flags.idle);

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
/** Tells the script driving this run that a phase ended (so it can take a heap dump), and waits for it to do so. */
async function mark(phase: string) {
  console.log(`rss ${phase.padEnd(28)} ${mib(readProc(pid).rssKiB)}`);
  if (flags['mark-file']) {
    writeFileSync(flags['mark-file'], phase);
    while ((await import('node:fs')).readFileSync(flags['mark-file'], 'utf8') === phase) await sleep(0.2);
  }
}

await mark('before');
const invites = await sessionLabInvites(url, sessions);
let written = 0;
let refused = 0;
await pool(invites, 4, async (invite) => {
  const moderator = hubConnection(url, invite.moderator);
  await moderator.start();
  await moderator.invoke('Join', { displayName: 'Mo', lastSeenSequence: 0 });
  await moderator.invoke<CommandResult>('StartSession', { commandId: randomUUID() });
  let next = 0;
  await Promise.all(Array.from({ length: inflight }, async () => {
    while (next < notesPerSession) {
      next++;
      const result = await moderator.invoke<CommandResult>('AddNote',
        { commandId: randomUUID(), noteId: randomUUID(), clockOffsetMs: 0, text, tags: [TAG], kind: 'observation' });
      if (result.ok) written++; else refused++;
    }
  }));
  await moderator.stop();
});
console.log(`notes acknowledged ${written}, refused ${refused} (${((written * text.length * 2) / 1048576).toFixed(0)} MiB of note text as UTF-16)`);
await mark('after writing, all left');
for (let waited = 0; waited < idleSeconds; waited += 30) {
  await sleep(Math.min(30, idleSeconds - waited));
  console.log(`rss idle ${String(Math.min(waited + 30, idleSeconds)).padStart(4)} s                   ${mib(readProc(pid).rssKiB)}`);
}
await mark('after idle');
// A heap dump collects the whole heap first, so with --mark-file this shows what a full GC gives back to the system.
console.log(`rss ${'after idle and a full GC'.padEnd(28)} ${mib(readProc(pid).rssKiB)}`);
