import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './server.ts';
import { withTimeout } from './timeouts.ts';

/** Azurite's well-known development account (public, documented by Microsoft). */
const account = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface TestAzurite {
  /** A connection string for the server's `Recordings:ConnectionString`. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts the real Azure Blob Storage emulator (web/node_modules/.bin/azurite-blob, or SESSIONLAB_AZURITE_BLOB) on a
 * free port of 127.0.0.1 with a fresh folder, so the recording tests can run against the Azure store as a
 * deployment would.
 */
export async function startAzurite(): Promise<TestAzurite> {
  const executable = process.env.SESSIONLAB_AZURITE_BLOB || join(repoRoot(), 'web/node_modules/.bin/azurite-blob');
  if (!existsSync(executable)) throw new Error(`Azurite is missing at ${executable}: run npm ci in web/.`);
  const location = mkdtempSync(join(tmpdir(), 'sessionlab-azurite-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(executable,
    ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location, '--disableTelemetry', '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await withTimeout(listening(port, child), 60_000, () => `Azurite to listen on ${port}; it printed:\n${output}`);
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${accountKey};BlobEndpoint=http://127.0.0.1:${port}/${account};`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // azurite-blob is a node script started through a shell shim: stop its whole process group.
        try { process.kill(-child.pid!, 'SIGTERM'); } catch { child.kill('SIGTERM'); }
        await withTimeout(exited, 15_000, () => 'Azurite to stop').catch(() => child.kill('SIGKILL'));
      }
      rmSync(location, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function listening(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode}.`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
