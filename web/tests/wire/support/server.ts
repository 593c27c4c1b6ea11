import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { within } from './timeouts.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The server the tests run, built by `dotnet build src/SessionLab.Server`; SESSIONLAB_SERVER_DLL points elsewhere. */
export const serverDll =
  process.env.SESSIONLAB_SERVER_DLL ?? join(repoRoot, 'src/SessionLab.Server/bin/Debug/net10.0/sessionlab.dll');

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * The workspace owner every test server is started with (Accounts:InitialOwner), so a test signs in for a member
 * bearer token (POST /api/account/token) instead of claiming the server through its first-run link.
 */
export const TEST_OWNER = {
  email: 'owner@wire.sessionlab.test',
  password: 'wire-test-owner-passphrase',
  displayName: 'Wire Owner',
} as const;

/**
 * The per-minute account limits (Accounts:RateLimits) raised out of the way: the tests create a study per test and
 * mint many invites; only accounts.test.ts checks a limit, on a server of its own.
 */
export const UNLIMITED_ACCOUNTS = [
  '--Accounts:RateLimits:StudiesPerMinute=100000',
  '--Accounts:RateLimits:SignInPerMinute=100000',
  '--Accounts:RateLimits:InvitesPerMinute=100000',
];

export interface ServerOptions {
  /** Reuse a data folder (to restart after a crash); a fresh temporary one otherwise. */
  dataDir?: string;
  /**
   * More configuration, as command-line arguments (`--Section:Key=value`); they come after the defaults (the test
   * owner and UNLIMITED_ACCOUNTS), so a later `--Accounts:RateLimits:StudiesPerMinute=2` wins.
   */
  args?: string[];
}

/**
 * Command budgets raised out of the way, for tests that flood a session on purpose (durability, replay of a long log):
 * they test what the server keeps, not how fast it lets one client send.
 */
export const UNLIMITED_COMMANDS = [
  '--Sessions:CommandsPerSecond=100000',
  '--Sessions:CommandBurst=100000',
  '--Sessions:ConnectionCommandsPerSecond=100000',
  '--Sessions:ConnectionCommandBurst=100000',
];

/** The real SessionLab server, started as its own process on a loopback ephemeral port. */
export class ServerProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve(child.exitCode);
      } else {
        child.once('exit', (code) => resolve(code));
      }
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    if (!existsSync(serverDll)) {
      throw new Error(`${serverDll} is missing: build the server first (dotnet build src/SessionLab.Server).`);
    }
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sessionlab-wire-'));
    const child = spawn(
      'dotnet',
      [
        serverDll,
        '--urls', 'http://127.0.0.1:0',
        `--Storage:DataDirectory=${dataDir}`,
        '--Logging:LogLevel:Default=Warning',
        `--Accounts:InitialOwner:Email=${TEST_OWNER.email}`,
        `--Accounts:InitialOwner:Password=${TEST_OWNER.password}`,
        `--Accounts:InitialOwner:DisplayName=${TEST_OWNER.displayName}`,
        ...UNLIMITED_ACCOUNTS,
        ...(options.args ?? []),
      ],
      { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_NOLOGO: '1' } },
    );
    const output: string[] = [];
    const listening = new Promise<string>((resolve, reject) => {
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          output.push(line);
          const match = /SessionLab is listening on (\S+)/.exec(line);
          if (match) {
            resolve(match[1]);
          }
        }
      };
      child.stdout!.on('data', onLine);
      child.stderr!.on('data', onLine);
      child.once('exit', (code, signal) =>
        reject(new Error(`The server exited (${code ?? signal}) before listening:\n${output.join('\n')}`)));
      child.once('error', reject);
    });
    try {
      const url = await within(listening, 'the server to start listening', STARTUP_TIMEOUT_MS);
      const server = new ServerProcess(child, dataDir, url);
      server.output.push(...output);
      child.stdout!.on('data', (chunk: Buffer) => server.output.push(chunk.toString('utf8')));
      child.stderr!.on('data', (chunk: Buffer) => server.output.push(chunk.toString('utf8')));
      return server;
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A graceful stop (SIGTERM), falling back to SIGKILL if it does not exit in time. */
  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    this.child.kill('SIGTERM');
    try {
      await within(this.exited, 'the server to stop', 15_000);
    } catch {
      await this.kill9();
    }
  }

  /** Ends the process the way a crash or power cut would: no shutdown code runs. */
  async kill9(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGKILL');
    }
    await within(this.exited, 'the killed server to exit', 15_000);
  }

  /** Removes the data folder; only for folders this process created. */
  removeData(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
