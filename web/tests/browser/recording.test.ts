// Records a few seconds from Chromium's fake camera and microphone with the SessionRecorder module, uploads it to
// the real server chunk by chunk (through a dropped connection), adds a note through the hub with the official
// SignalR client, and plays the note's clip from its signed playback URL.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { testOwner } from './support/server.ts';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = join(webRoot, '..');
const serverDll = process.env.SESSIONLAB_SERVER_DLL ?? join(repoRoot, 'src/SessionLab.Server/bin/Debug/net10.0/sessionlab.dll');
const chromiumPath = process.env.SESSIONLAB_CHROMIUM ?? '/usr/bin/chromium';
const chromiumFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
];
const testPage = '/__recording-test';

/** Every await in these tests goes through this, so a hang fails with its name instead of eating CI time. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}.`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

let server: ChildProcess;
let serverUrl: string;
let dataDir: string;
let browser: Browser;
let recordingModule: string;
const serverOutput: string[] = [];

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sessionlab-recording-'));
  server = spawn('dotnet', [serverDll, '--urls', 'http://127.0.0.1:0', `--Storage:DataDirectory=${dataDir}`], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_NOLOGO: '1', Accounts__InitialOwner__Email: testOwner.email, Accounts__InitialOwner__Password: testOwner.password, Accounts__InitialOwner__DisplayName: testOwner.displayName },
  });
  serverUrl = await within(
    new Promise<string>((resolve, reject) => {
      const onData = (data: Buffer) => {
        serverOutput.push(data.toString('utf8'));
        const match = /SessionLab is listening on (\S+)/.exec(data.toString('utf8'));
        if (match) resolve(match[1]);
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.once('exit', (code) => reject(new Error(`The server exited (${code}) before listening:\n${serverOutput.join('')}`)));
    }),
    60_000,
    'the server to listen',
  );
  // The module as the app would bundle it, exposed to the test page as a global.
  const bundled = await within(
    build({
      configFile: false,
      root: webRoot,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry: join(webRoot, 'src/recording/index.ts'), formats: ['iife'], name: 'SessionLabRecording', fileName: () => 'recording.js' },
      },
    }),
    60_000,
    'the recording module to bundle',
  );
  const output = (Array.isArray(bundled) ? bundled[0] : bundled) as { output: { code?: string }[] };
  recordingModule = output.output[0].code!;
  browser = await within(chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags }), 30_000, 'Chromium to start');
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (server && server.exitCode === null) {
    await within(new Promise((resolve) => server.once('exit', resolve)), 15_000, 'the server to stop').catch(() => server.kill('SIGKILL'));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await within(
    fetch(serverUrl + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    15_000,
    `${method} ${path}`,
  );
  const text = await within(response.text(), 15_000, `the answer to ${method} ${path}`);
  assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A fresh study and session of this test's own, and the moderator's invite token. */
async function newSession(): Promise<{ sessionId: string; moderatorToken: string }> {
  const { accessToken } = await api<{ accessToken: string }>('POST', '/api/account/token', null, { email: testOwner.email, password: testOwner.password });
  const created = await api<{ study: { id: string } }>('POST', '/api/studies', accessToken, {
    name: 'Recording test',
    goal: 'Clips play from notes',
    tasks: [{ title: 'Check out', instructions: 'Buy the jacket.', successCriteria: 'Order placed.' }],
    tags: [{ name: 'confusion', color: '#b45309', hotkey: 1 }],
  });
  const session = await api<{ id: string }>('POST', `/api/studies/${created.study.id}/sessions`, accessToken, { participantAlias: 'P1' });
  const invite = await api<{ token: string }>('POST', `/api/sessions/${session.id}/invites`, accessToken, { role: 'moderator' });
  return { sessionId: session.id, moderatorToken: invite.token };
}

test('a recording from a synthetic stream uploads through a dropped connection and a note’s clip plays from it', { timeout: 120_000 }, async () => {
  const { sessionId, moderatorToken } = await newSession();
  const context = await within(browser.newContext({ baseURL: serverUrl }), 15_000, 'a browser context');
  const page = await within(context.newPage(), 15_000, 'a page');
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    // The page is served at the server's own origin, so the API, the hub and playback are same-origin, as in the app.
    await page.route(`${serverUrl}${testPage}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      const [body, contentType] = path.endsWith('/recording.js')
        ? [recordingModule, 'text/javascript']
        : path.endsWith('/signalr.js')
          ? [readFileSync(join(webRoot, 'node_modules/@microsoft/signalr/dist/browser/signalr.js'), 'utf8'), 'text/javascript']
          : [`<!doctype html><html lang="en"><title>Recording test</title><video id="clip" muted playsinline></video>
              <script src="${testPage}/signalr.js"></script><script src="${testPage}/recording.js"></script></html>`, 'text/html'];
      return route.fulfill({ status: 200, contentType, body });
    });
    // The connection drops while the fourth chunk is sent: the recorder must retry and resume, losing nothing.
    let dropped = 0;
    await page.route('**/recordings/*/chunks/3', (route) => (dropped++ === 0 ? route.abort('connectionreset') : route.continue()));
    // tsx compiles this file with esbuild's keepNames, which wraps the functions inside page.evaluate in __name().
    await within(page.addInitScript('window.__name = (fn) => fn;'), 15_000, 'the init script');
    await within(page.goto(`${serverUrl}${testPage}/index.html`), 15_000, 'the test page');

    const result = await within(
      page.evaluate(async ({ sessionId, moderatorToken }) => {
        const { RecordingsClient, SessionRecorder, ClipPlayer } = (window as any).SessionLabRecording;
        const signalR = (window as any).signalR;
        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        const hub = new signalR.HubConnectionBuilder().withUrl(`/hubs/session?invite=${encodeURIComponent(moderatorToken)}`).build();
        await hub.start();
        const joined = await hub.invoke('Join', { displayName: 'Mo', identityToken: null, lastSeenSequence: 0 });
        if (!joined.ok) throw new Error(`Join refused: ${joined.error.message}`);
        const started = await hub.invoke('StartSession', { commandId: crypto.randomUUID() });
        if (!started.ok) throw new Error(`StartSession refused: ${started.error.message}`);
        const sessionStart = performance.now();

        const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: true });
        const client = new RecordingsClient({ token: moderatorToken });
        const progress: any[] = [];
        const recorder = new SessionRecorder(stream, {
          client,
          sessionId,
          timesliceMs: 400,
          retry: { initialDelayMs: 200 },
          onProgress: (p: unknown) => progress.push(p),
        });
        await recorder.start();
        await sleep(2_000);
        const noteId = crypto.randomUUID();
        const noted = await hub.invoke('AddNote', {
          commandId: crypto.randomUUID(), noteId, clockOffsetMs: Math.round(performance.now() - sessionStart),
          text: 'Missed the promo field', tags: ['confusion'], kind: 'observation',
        });
        if (!noted.ok) throw new Error(`AddNote refused: ${noted.error.message}`);
        await sleep(2_000);
        const recording = await recorder.stop();
        stream.getTracks().forEach((t: MediaStreamTrack) => t.stop());
        await hub.stop();

        const clip = await client.noteClip(sessionId, noteId);
        const video = document.getElementById('clip') as HTMLVideoElement;
        await new ClipPlayer(video).play(clip);
        const playedFrom = video.currentTime;
        await sleep(700);
        return {
          recording, clip, retried: progress.some((p) => p.retrying), last: progress[progress.length - 1],
          readyState: video.readyState, paused: video.paused, playedFrom, playedTo: video.currentTime, mediaError: video.error?.code ?? null,
        };
      }, { sessionId, moderatorToken }),
      90_000,
      'recording, uploading and playing in the page',
    );

    assert.deepEqual(pageErrors, []);
    assert.equal(result.recording.status, 'complete');
    assert.ok(result.recording.chunkCount >= 5, `only ${result.recording.chunkCount} chunks were recorded`);
    assert.ok(dropped >= 2 && result.retried, 'the dropped chunk was sent again');
    assert.equal(result.last.uploadedChunks, result.recording.chunkCount);
    assert.equal(result.last.uploadedBytes, result.recording.bytes);
    assert.equal(result.last.pendingChunks, 0);
    assert.ok(result.recording.durationMs >= 3_500, `the recording lasted ${result.recording.durationMs} ms`);
    assert.equal(result.clip.recordingId, result.recording.id);
    assert.equal(result.clip.startSeconds, 0);
    assert.equal(result.clip.endSeconds, result.recording.durationMs / 1000);
    assert.match(result.clip.fragmentUrl, /#t=0,\d+(\.\d+)?$/);
    assert.equal(result.mediaError, null);
    assert.ok(result.readyState >= 2, `the video's readyState is ${result.readyState}`);
    assert.ok(!result.paused && result.playedTo > result.playedFrom, `the clip did not play (${result.playedFrom} → ${result.playedTo})`);

    // What the server stored is what the browser recorded: the same bytes, served in ranges.
    const ranged = await within(fetch(result.clip.playback.url, { headers: { Range: 'bytes=0-3' } }), 15_000, 'a ranged read');
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-range'), `bytes 0-3/${result.recording.bytes}`);
    assert.deepEqual([...new Uint8Array(await within(ranged.arrayBuffer(), 15_000, 'the range'))], [0x1a, 0x45, 0xdf, 0xa3], 'a WebM (EBML) header');
  } finally {
    await context.close();
  }
});

test('a chunk sent without Content-Length is refused with a problem', { timeout: 60_000 }, async () => {
  const { sessionId, moderatorToken } = await newSession();
  const recording = await api<{ id: string }>('POST', `/api/sessions/${sessionId}/recordings`, moderatorToken, { kind: 'liveCapture', contentType: 'video/webm' });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(100));
      controller.close();
    },
  });

  const response = await within(
    fetch(`${serverUrl}/api/sessions/${sessionId}/recordings/${recording.id}/chunks/0`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${moderatorToken}` },
      body,
      duplex: 'half',
    } as RequestInit),
    15_000,
    'the chunk upload',
  );
  const problem = (await within(response.json(), 15_000, 'the problem')) as { code: string };

  assert.equal(response.status, 411);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(problem.code, 'lengthRequired');
});
