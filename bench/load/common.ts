// What the load drivers share: the official SignalR client (from web/node_modules), HTTP set-up calls, a bounded
// pool, /proc readings of a server process and quantiles.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as SignalRModule from '@microsoft/signalr';

// The official client, from the web app's install (npm ci in web/): the bench adds no dependencies of its own.
const webDir = process.env.SESSIONLAB_WEB_DIR ?? fileURLToPath(new URL('../../web/', import.meta.url));
export const signalR = createRequire(join(webDir, 'package.json'))('@microsoft/signalr') as typeof SignalRModule;
export type { SignalRModule };

export const TAG = 'confusion';
export const NOTE_TEXT = 'Hesitated at the delivery options for a while, then scrolled back up to look for the basket total.';

/** Who joins: the invite link opens the connection (hubConnection); the rest is Join's request. */
export interface JoinRequest {
  inviteToken: string;
  displayName?: string;
  lastSeenSequence: number;
}

export interface Envelope {
  sequence: number;
  actor: { id: string };
  event: { type: string; noteId?: string };
}

export interface CommandResult {
  ok: boolean;
  sequence: number | null;
  error: { code: string; message: string } | null;
}

export async function http<T>(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
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
export async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
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

/**
 * The member the drivers sign in as: the owner the bench scripts start SessionLab with (Accounts:InitialOwner, from
 * the same environment variables the scripts export to the server), or these defaults when a driver is run by hand.
 */
export const BENCH_OWNER = {
  email: process.env.Accounts__InitialOwner__Email ?? 'bench@sessionlab.test',
  password: process.env.Accounts__InitialOwner__Password ?? 'bench-owner-passphrase',
};

const memberTokens = new Map<string, Promise<string>>();

/** The bench owner's bearer token on a server (POST /api/account/token), asked for once per server URL. */
export function memberToken(baseUrl: string): Promise<string> {
  let token = memberTokens.get(baseUrl);
  if (!token) {
    token = http<{ accessToken: string }>(baseUrl, 'POST', '/api/account/token', undefined, BENCH_OWNER).then((t) => t.accessToken);
    token.catch(() => memberTokens.delete(baseUrl));
    memberTokens.set(baseUrl, token);
  }
  return token;
}

/**
 * A study on a SessionLab server with `sessions` sessions, and a moderator and an observer invite for each, made as
 * the bench owner. The server must raise Accounts:RateLimits (the scripts do): 200 sessions mint 400 invites.
 */
export async function sessionLabInvites(baseUrl: string, sessions: number): Promise<{ moderator: string; observer: string }[]> {
  const token = await memberToken(baseUrl);
  const created = await http<{ study: { id: string }; workspaceId: string }>(baseUrl, 'POST', '/api/studies', token, {
    name: 'Load benchmark',
    goal: 'Load.',
    tasks: [{ title: 'Browse', instructions: 'Browse the shop.', successCriteria: 'Browses.', timeLimitSeconds: 600 }],
    tags: [{ name: TAG, color: '#b45309', hotkey: 1 }],
  });
  return pool(Array.from({ length: sessions }, (_, i) => i), 16, async (i) => {
    const session = await http<{ id: string }>(baseUrl, 'POST', `/api/studies/${created.study.id}/sessions`, token,
      { participantAlias: `P${i + 1}`, moderatorName: 'Moderator' });
    const invite = async (role: string) => (await http<{ token: string }>(baseUrl, 'POST', `/api/sessions/${session.id}/invites`, token, { role })).token;
    return { moderator: await invite('moderator'), observer: await invite('observer') };
  });
}

export function hubConnection(baseUrl: string, inviteToken: string, logger?: SignalRModule.ILogger): SignalRModule.HubConnection {
  return new signalR.HubConnectionBuilder()
    .withUrl(new URL(`/hubs/session?invite=${encodeURIComponent(inviteToken)}`, baseUrl).toString(), { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(logger ?? signalR.LogLevel.Error)
    .build();
}

export function readProc(pid: number): { rssKiB: number; cpuTicks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssKiB, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}
export const CLOCK_TICKS_PER_SECOND = 100;

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
