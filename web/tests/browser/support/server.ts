import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './timeouts.ts';

export interface TestServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** The first line printed that matches, waiting for it. */
  waitForOutput(pattern: RegExp, what: string): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/** The owner every test server creates at start-up (Accounts:InitialOwner), unless started without one. */
export const testOwner = { email: 'owner@example.test', password: 'owner-password-for-tests', displayName: 'Olive Owner' } as const;

export interface ServerOptions {
  /** false: no initial owner, so the server prints a first-run /setup# link instead. */
  initialOwner?: boolean;
}

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'SessionLab.sln'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('SessionLab.sln not found above the test folder.');
    dir = parent;
  }
  return dir;
}

/** Starts the built server on a free port with a fresh data folder; resolves once it prints its address. */
export async function startServer(extraArgs: string[] = [], options: ServerOptions = {}): Promise<TestServer> {
  const root = repoRoot();
  const dll = join(root, 'src/SessionLab.Server/bin/Debug/net10.0/sessionlab.dll');
  if (!existsSync(dll)) throw new Error(`${dll} is missing: build the server first (dotnet build src/SessionLab.Server).`);
  if (!existsSync(join(dirname(dll), 'wwwroot/index.html'))) throw new Error('The server was built without the web app (wwwroot/index.html is missing).');
  const dataDirectory = mkdtempSync(join(tmpdir(), 'sessionlab-browser-'));
  const child: ChildProcess = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0', `--Storage:DataDirectory=${dataDirectory}`, ...extraArgs], {
    cwd: dataDirectory,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, DOTNET_NOLOGO: '1', ASPNETCORE_ENVIRONMENT: 'Production',
      ...(options.initialOwner === false ? {} : {
        Accounts__InitialOwner__Email: testOwner.email, Accounts__InitialOwner__Password: testOwner.password, Accounts__InitialOwner__DisplayName: testOwner.displayName,
      }),
    },
  });
  let output = '';
  const url = await withTimeout(new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SessionLab is listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The server exited (${code}) before listening:\n${output}`)));
  }), 60_000, () => `the server to start; it printed:\n${output}`);

  return {
    url,
    output: () => output,
    async waitForOutput(pattern, what) {
      return withTimeout(new Promise<RegExpExecArray>((resolve) => {
        const look = () => {
          const match = pattern.exec(output);
          if (match) {
            child.stdout!.off('data', look);
            resolve(match);
          }
        };
        child.stdout!.on('data', look);
        look();
      }), 15_000, () => `${what}; the server printed:\n${output}`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await withTimeout(exited, 15_000, () => 'the server to stop').catch(() => child.kill('SIGKILL'));
      }
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
