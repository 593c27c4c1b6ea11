// Recording and clips through the app's own screens: the moderator records the (fake) shared screen from the console,
// notes get clips that play in the timeline, the summary and their clip link, and a finished file is uploaded from
// the study page with its offset to the session clock. Chromium's fake devices stand in for the screen and microphone.
// Every test runs twice: with recordings kept on the local disk (the embedded default) and on Azure Blob Storage
// (a fresh Azurite, through the Azure.Storage.Blobs store), as a deployment keeps them.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createSession, sessionEvents } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { closeAll, joinTeam, open, waitForNote, writeNote, type Person, openSignedIn } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';
import { recordingStores, useServerAndBrowser, type BrowserTestEnvironment } from './support/fixture.ts';

// Small chunks, so a file of a few hundred KB uploads in several steps and its progress can be watched; a small
// recording limit, so the size check has something to refuse.
const maxChunkBytes = 16 * 1024;
const maxRecordingBytes = 8 * 1024 * 1024;

const serverArgs = [`--Recordings:MaxBlockBytes=${maxChunkBytes}`, `--Recordings:MaxRecordingBytes=${maxRecordingBytes}`];

/** The server of the describe block running now: every test below runs once per recording store. */
let env: BrowserTestEnvironment;

async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await withTimeout(fetch(env.server.url + path, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  }), 15_000, `${method} ${path}`);
  const text = await withTimeout(response.text(), 15_000, `${method} ${path} body`);
  assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

interface Played { readyState: number; currentTime: number; start: number; end: number; error: number | null }

/** Waits until the clip view's video has data at a time inside the clip's window, and returns what it shows. */
async function clipPlays(page: Page, scope: string, what: string): Promise<Played> {
  return eventually(async () => {
    const state = await withTimeout(page.evaluate((selector) => {
      const view = document.querySelector<HTMLElement>(selector);
      const video = view?.querySelector('video');
      if (!view || !video || view.dataset.start === undefined) return null;
      return { readyState: video.readyState, currentTime: video.currentTime, start: Number(view.dataset.start), end: Number(view.dataset.end), error: video.error?.code ?? null };
    }, scope), 5_000, what);
    return state && state.readyState >= 2 && state.currentTime >= state.start - 0.05 && state.currentTime <= state.end + 0.05 ? state : null;
  }, what, 20_000);
}

for (const store of recordingStores) {
  describe(`recordings kept on ${store}`, () => {
    const storeEnv = useServerAndBrowser(serverArgs, store);
    before(() => {
      env = storeEnv;
    });

  test('a refused screen share is explained; the moderator then records from the console through a dropped connection, an observer’s note plays as a clip, and its clip link plays for the team but not for a participant', { timeout: 150_000 }, async () => {
    const links = await createSession(env.server.url);
    let moderator: Person | undefined;
    let ada: Person | undefined;
    let participant: Person | undefined;
    try {
      participant = await open(env.tb, links.participant, 'participant');
      await participant.page.getByRole('heading', { name: 'Welcome' }).waitFor();
      moderator = await joinTeam(env.tb, links.moderator, 'moderator');
      ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
      const mod = moderator.page;
      await mod.getByRole('button', { name: /Start session/ }).click();
      await mod.getByRole('button', { name: /Start task 1/ }).waitFor();

      // Refusing to share says so plainly, and nothing records.
      await withTimeout(mod.evaluate(() => {
        const devices = navigator.mediaDevices;
        const share = devices.getDisplayMedia.bind(devices);
        devices.getDisplayMedia = async () => {
          devices.getDisplayMedia = share;
          throw new DOMException('Permission denied', 'NotAllowedError');
        };
      }), 10_000, 'the refusal to be staged');
      await mod.getByRole('button', { name: /Start recording/ }).click();
      await mod.getByTestId('recording-error').filter({ hasText: /^Screen sharing or the microphone was not allowed, so nothing is recorded/ }).waitFor();
      assert.equal(await mod.locator('[data-testid=recording-state]').getAttribute('data-state'), 'failed');

      // r starts recording; the fake screen is shared without a prompt.
      await mod.locator('main').click({ position: { x: 5, y: 5 } });
      await mod.keyboard.press('r');
      await mod.locator('[data-testid=recording-state][data-state=recording]').waitFor();
      const recordingSeenAt = Date.now();
      await mod.getByTestId('recording-badge').filter({ hasText: 'Recording' }).waitFor();
      await eventually(async () => /Recording started/.test(await mod.getByTestId('recording-announcer').textContent() ?? ''), 'the start to be announced');

      await writeNote(ada.page, 'Hesitated at the share dialog #confusion');
      await waitForNote(mod, 'Hesitated at the share dialog', 'the moderator');

      // The network drops for the uploads: chunks wait in memory, and the panel says so; then they go on their own.
      await moderator.context.route('**/recordings/*/chunks/*', (route) => route.abort('connectionreset'));
      await mod.locator('[data-testid=recording-upload][data-waiting=true]').waitFor({ timeout: 15_000 });
      assert.match(await mod.getByTestId('recording-upload').textContent() ?? '', /Connection lost: \d+ chunks? waiting/);
      await screenshot(mod, 'moderator-recording-connection-lost');
      await expectAccessible(mod, 'the moderator console while recording');
      await moderator.context.unroute('**/recordings/*/chunks/*');
      await mod.locator('[data-testid=recording-upload][data-waiting=false]').waitFor({ timeout: 20_000 });

      // The recording runs at least 3.5 s whatever the machine's speed, so the duration it reports can be checked.
      const minimumRecordingMs = 3_500;
      const remaining = minimumRecordingMs - (Date.now() - recordingSeenAt);
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
      await mod.locator('main').click({ position: { x: 5, y: 5 } });
      await mod.keyboard.press('Shift+R');
      await mod.locator('[data-testid=recording-state][data-state=saved]').waitFor({ timeout: 30_000 });
      assert.match(await mod.getByTestId('recording-upload').textContent() ?? '', /^All \d+ chunks uploaded/);
      assert.equal(await mod.locator('#recording-progress').evaluate((p) => (p as HTMLProgressElement).value), 100);
      await screenshot(mod, 'moderator-recording-saved');
      const [recording] = await api<{ status: string; chunkCount: number; durationMs: number }[]>('GET', `/api/sessions/${links.sessionId}/recordings`, links.accessToken);
      assert.equal(recording?.status, 'complete');
      assert.ok((recording?.durationMs ?? 0) >= minimumRecordingMs, `the recording ran at least ${minimumRecordingMs} ms but reports ${recording?.durationMs} ms`);

      // The observer's timeline learns of the finished recording by itself, and the note's clip plays there.
      const note = ada.page.locator('[data-testid=timeline] .note', { hasText: 'Hesitated at the share dialog' });
      await note.getByTestId('play-clip').click({ timeout: 20_000 });
      const played = await clipPlays(ada.page, '[data-testid=timeline] [data-testid=clip-view]', 'the clip to play in the observer’s timeline');
      assert.equal(played.error, null);
      assert.equal(played.start, 0, 'the note is within 10 s of the recording’s start');
      await screenshot(ada.page, 'observer-clip');
      await expectAccessible(ada.page, 'the observer’s timeline with a clip open');
      await ada.page.getByTestId('clip-video').press('Escape');
      await note.getByRole('button', { name: /Play clip of the note/ }).waitFor();
      assert.equal(await ada.page.getByTestId('clip-view').count(), 0, 'Escape closes the clip');

      // The clip link carries no token: the observer's browser holds an invite to the session, so it plays there.
      const noteId = await note.getAttribute('data-note-id');
      await ada.page.goto(`${env.server.url}/clip/${links.sessionId}/${noteId}`);
      await ada.page.getByRole('heading', { name: /Clip at \d+:\d\d/ }).waitFor();
      assert.equal(await ada.page.getByTestId('clip-note-text').textContent(), 'Hesitated at the share dialog');
      await clipPlays(ada.page, '[data-testid=clip-view]', 'the clip page to play');
      const capabilities = await api<{ clipExport: boolean; clipExportUnavailableReason: string | null }>('GET', '/api/recordings/capabilities', links.accessToken);
      if (capabilities.clipExport) {
        // By keyboard: a failed export moves focus from the button to the error.
        const exportButton = ada.page.getByRole('button', { name: 'Export MP4' });
        const clipPage = ada.page;
        const focused = () => withTimeout(clipPage.evaluate(() => {
          const e = document.activeElement;
          return { testid: e?.getAttribute('data-testid') ?? null, text: e?.textContent ?? '', disabled: e?.getAttribute('aria-disabled') ?? null };
        }), 10_000, 'the focused element');
        await ada.page.route('**/clip/export*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'exportFailed', detail: 'The test refused the export.' }) }));
        await exportButton.focus();
        await ada.page.keyboard.press('Enter');
        await ada.page.getByTestId('clip-error').filter({ hasText: 'The test refused the export.' }).waitFor();
        assert.equal((await focused()).testid, 'clip-error', 'focus moved to the error');
        await ada.page.unroute('**/clip/export*');
        // While the server cuts, focus stays on the button, aria-disabled; then it moves to the download link.
        let release = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        await ada.page.route('**/clip/export*', async (route) => { await held; await route.continue().catch(() => undefined); });
        await exportButton.focus();
        await ada.page.keyboard.press('Enter');
        await ada.page.getByTestId('clip-export-status').filter({ hasText: 'Cutting the MP4…' }).waitFor();
        assert.deepEqual(await focused(), { testid: null, text: 'Export MP4', disabled: 'true' });
        assert.equal(await ada.page.getByTestId('clip-error').isHidden(), true, 'the old error went');
        release();
        const download = ada.page.getByTestId('clip-download');
        await download.waitFor({ timeout: 60_000 });
        await ada.page.unroute('**/clip/export*');
        assert.equal((await focused()).testid, 'clip-download', 'focus moved to the download link');
        const mp4 = await withTimeout(fetch(new URL((await download.getAttribute('href'))!, env.server.url)), 15_000, 'the exported MP4');
        assert.equal(mp4.status, 200);
        assert.equal(mp4.headers.get('content-type'), 'video/mp4');
      } else {
        assert.equal(await ada.page.getByRole('button', { name: 'Export MP4' }).isDisabled(), true);
        await ada.page.getByText(capabilities.clipExportUnavailableReason!).waitFor();
      }
      await screenshot(ada.page, 'clip-page');
      await expectAccessible(ada.page, 'the clip page');

      // The participant's browser holds only the participant's invite, which opens no recordings.
      await participant.page.goto(`${env.server.url}/clip/${links.sessionId}/${noteId}`);
      await participant.page.getByRole('heading', { name: 'Open the study first' }).waitFor();
      await screenshot(participant.page, 'clip-page-no-link');
      await expectAccessible(participant.page, 'the clip page without a link');
      const participantToken = links.participant.split('#')[1]!;
      await participant.page.goto(`${env.server.url}/clip/${links.sessionId}/${noteId}#${participantToken}`);
      await participant.page.getByRole('heading', { name: 'Clips are for the research team' }).waitFor();
      assert.equal(await participant.page.locator('video').count(), 0);
      assert.ok(!(await participant.page.content()).includes('Hesitated at the share dialog'), 'the participant’s page shows the note');

      for (const p of [moderator, ada, participant]) assert.deepEqual(p.errors, []);
    } finally {
      await closeAll(moderator, ada, participant);
    }
  });

  test('a recording interrupted by a reload of the console is offered for saving at once, is saved by keyboard with what reached the server, and an observer’s note from before the reload plays as a clip', { timeout: 150_000 }, async () => {
    const links = await createSession(env.server.url);
    let moderator: Person | undefined;
    let ada: Person | undefined;
    try {
      moderator = await joinTeam(env.tb, links.moderator, 'moderator');
      ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
      const mod = moderator.page;
      await mod.getByRole('button', { name: /Start session/ }).click();
      await mod.getByRole('button', { name: /Start task 1/ }).waitFor();
      const askedToRecordAt = Date.now();
      await mod.getByRole('button', { name: /Start recording/ }).click();
      await mod.locator('[data-testid=recording-state][data-state=recording]').waitFor();
      await writeNote(ada.page, 'Looked for the export button #confusion');
      await waitForNote(mod, 'Looked for the export button', 'the moderator');

      // MediaRecorder hands over a part every 2 s: once 5 s are recorded and everything handed over has reached the
      // server, the note's moment is on the server too. Then the console is reloaded mid-recording.
      await eventually(async () => {
        const [, minutes, seconds] = /(\d+):(\d\d)/.exec(await mod.getByTestId('recording-elapsed').textContent() ?? '') ?? [];
        const [, uploaded, queued] = /^(\d+) of (\d+) chunks? uploaded/.exec(await mod.getByTestId('recording-upload').textContent() ?? '') ?? [];
        return Number(minutes) * 60 + Number(seconds) >= 5 && uploaded !== undefined && uploaded === queued;
      }, 'five seconds recorded, and all of it uploaded', 30_000);
      mod.on('dialog', (dialog) => void dialog.accept());
      const reloadedAt = Date.now();
      await mod.reload();
      await mod.locator('[data-testid=connection][data-state=connected]').waitFor();
      assert.equal(await mod.locator('[data-testid=recording-state]').getAttribute('data-state'), 'reloaded', 'the reload ended the recording in the page');

      // The reloaded console knows the reload cut its recording, and offers to save what the server holds.
      const offer = mod.getByTestId('recording-interrupted');
      const save = offer.getByRole('button', { name: 'Save only' });
      await save.waitFor({ timeout: 30_000 });
      const offered = await offer.textContent() ?? '';
      assert.match(offered, /stopped because the page was reloaded\. \d+ chunks? \([\d.]+ [KM]B\) of it reached the server/);
      await screenshot(mod, 'moderator-recording-interrupted');
      await expectAccessible(mod, 'the moderator console offering an interrupted recording');

      await save.focus();
      await mod.keyboard.press('Enter');
      const saved = mod.getByTestId('recording-interrupted-saved');
      await saved.waitFor({ timeout: 40_000 });
      assert.match(await saved.textContent() ?? '', /^Interrupted recording saved: (\d+ min )?\d+ s, [\d.]+ [KM]B\. Notes it shows now have clips\.$/);
      assert.equal(await saved.evaluate((e) => e === document.activeElement), true, 'focus moves to the confirmation');
      const [recording] = await api<{ status: string; chunkCount: number; durationMs: number | null }[]>('GET', `/api/sessions/${links.sessionId}/recordings`, links.accessToken);
      assert.equal(recording?.status, 'complete');
      assert.equal(recording?.chunkCount, Number(/(\d+) chunks? \(/.exec(offered)?.[1]), 'saved with every chunk offered');
      // Its length is read from the saved file: more than nothing, and never more than the time it was recording.
      const ranAtMost = reloadedAt - askedToRecordAt;
      assert.ok(recording?.durationMs !== null && recording!.durationMs > 0 && recording!.durationMs <= ranAtMost,
        `the saved recording measures ${recording?.durationMs} ms; it ran at most ${ranAtMost} ms`);

      // The observer's note, written while the recording ran, now has a clip that plays.
      const note = ada.page.locator('[data-testid=timeline] .note', { hasText: 'Looked for the export button' });
      await note.getByTestId('play-clip').click({ timeout: 20_000 });
      const played = await clipPlays(ada.page, '[data-testid=timeline] [data-testid=clip-view]', 'the clip from the interrupted recording to play');
      assert.equal(played.error, null);
      assert.deepEqual(moderator.errors.filter((e) => !/beforeunload/i.test(e)), []);
    } finally {
      await closeAll(moderator, ada);
    }
  });

  test('after the session, the owner’s summary offers a recording left unsaved and saves it with the chunks up to the first gap', { timeout: 120_000 }, async () => {
    const links = await createSession(env.server.url);
    let moderator: Person | undefined;
    let owner: Person | undefined;
    try {
      moderator = await joinTeam(env.tb, links.moderator, 'moderator');
      await moderator.page.getByRole('button', { name: /Start session/ }).click();
      await moderator.page.getByRole('button', { name: /Start task 1/ }).waitFor();
      const file = await recordWebm(moderator.page, 3_000);
      await closeAll(moderator);
      moderator = undefined;

      // A console recording whose page went away: started while the session ran, then every chunk but one arrived, and
      // the one missing is not the last.
      const recording = await api<{ id: string }>('POST', `/api/sessions/${links.sessionId}/recordings`, links.accessToken, { kind: 'liveCapture', contentType: 'video/webm', clockOffsetMs: 0 });
      await api('POST', `/api/sessions/${links.sessionId}/end`, links.accessToken);
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < file.length; offset += maxChunkBytes) chunks.push(file.subarray(offset, offset + maxChunkBytes));
      assert.ok(chunks.length >= 4, `the file makes only ${chunks.length} chunks`);
      const gap = chunks.length - 2;
      for (const [index, chunk] of chunks.entries()) {
        if (index === gap) continue;
        const put = await withTimeout(fetch(`${env.server.url}/api/sessions/${links.sessionId}/recordings/${recording.id}/chunks/${index}`, {
          method: 'PUT', headers: { Authorization: `Bearer ${links.accessToken}`, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(chunk),
        }), 15_000, `chunk ${index}`);
        assert.equal(put.status, 200, `chunk ${index}: ${await put.text()}`);
      }
      const savable = chunks.slice(0, gap);
      const savableBytes = savable.reduce((sum, c) => sum + c.length, 0);

      owner = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'owner');
      const page = owner.page;
      await page.getByRole('link', { name: 'Session summary' }).click();
      await page.getByTestId('recordings-list').getByText(/Recorded in the console · starts with the session · not saved yet/).waitFor();
      const offer = page.getByTestId('recording-interrupted');
      const save = offer.getByRole('button', { name: 'Save the interrupted recording' });
      await save.waitFor({ timeout: 30_000 });
      assert.match(await offer.textContent() ?? '', new RegExp(`${gap} chunks \\([\\d.]+ KB\\) reached the server`));
      await expectAccessible(page, 'the summary offering an interrupted recording');
      await screenshot(page, 'summary-recording-interrupted');

      await save.click();
      await offer.getByTestId('recording-interrupted-saved').waitFor({ timeout: 40_000 });
      const [saved] = await api<{ status: string; chunkCount: number; bytes: number; durationMs: number | null }[]>('GET', `/api/sessions/${links.sessionId}/recordings`, links.accessToken);
      assert.deepEqual([saved?.status, saved?.chunkCount, saved?.bytes], ['complete', gap, savableBytes]);
      assert.ok(saved!.durationMs !== null && saved!.durationMs > 0 && saved!.durationMs <= 3_500, `the saved part measures ${saved?.durationMs} ms of a 3 s file`);
      await page.getByTestId('recordings-list').getByText(/Recorded in the console · starts with the session · \d+ s · [\d.]+ KB · saved /).waitFor();
      assert.equal(await save.count(), 0, 'nothing is offered any more');
    } finally {
      await closeAll(moderator, owner);
    }
  });

  /** A few seconds of WebM from the fake camera, as a finished file from elsewhere would be. */
  async function recordWebm(page: Page, ms: number): Promise<Buffer> {
    const base64 = await withTimeout(page.evaluate(async (length) => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: true });
      const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
      const parts: Blob[] = [];
      recorder.ondataavailable = (e) => parts.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      await new Promise((resolve) => setTimeout(resolve, length));
      recorder.stop();
      await stopped;
      stream.getTracks().forEach((t) => t.stop());
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }, ms), ms + 15_000, 'a WebM from the fake camera');
    return Buffer.from(base64, 'base64');
  }

  test('a finished file uploaded from the study page with its offset shows progress, resumes after a pause, and the summary’s clips, saved window and highlight reel line up with the offset', { timeout: 150_000 }, async () => {
    const links = await createSession(env.server.url);
    let moderator: Person | undefined;
    let owner: Person | undefined;
    try {
      moderator = await joinTeam(env.tb, links.moderator, 'moderator');
      const mod = moderator.page;
      await mod.getByRole('button', { name: /Start session/ }).click();
      await mod.getByRole('button', { name: /Start task 1/ }).waitFor();
      await writeNote(mod, 'Paused on the price #confusion');
      await waitForNote(mod, 'Paused on the price', 'the moderator');
      const file = await recordWebm(mod, 4_000);
      await api('POST', `/api/sessions/${links.sessionId}/end`, links.accessToken);
      const noteEvent = (await sessionEvents(env.server.url, links)).find((e) => e.event.type === 'noteAdded')!;
      const noteSeconds = noteEvent.event.clockOffsetMs! / 1000;

      owner = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'owner');
      const page = owner.page;
      await page.getByRole('button', { name: 'Upload a recording' }).click();
      const form = page.getByTestId('upload-form');
      await form.getByLabel('Recording file').waitFor();

      // What the server would refuse is said before anything is sent.
      await form.getByLabel('Recording file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a video') });
      await form.getByTestId('upload-error').filter({ hasText: /“notes\.txt” is not a recording this server keeps/ }).waitFor();
      await form.getByLabel('Recording file').setInputFiles({ name: 'huge.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(maxRecordingBytes + 1) });
      await form.getByTestId('upload-error').filter({ hasText: /“huge\.mp4” is 8,388,609 bytes; a recording can be at most 8,388,608 bytes/ }).waitFor();
      await screenshot(page, 'study-upload-refused');

      // The recording started 1 s before the session did (and lasts 4 s, so it shows the note).
      await form.getByLabel('Recording file').setInputFiles({ name: 'call.webm', mimeType: 'video/webm', buffer: file });
      await form.getByLabel('Time (h:mm:ss)').fill('0:00:01');
      await form.getByLabel('before the session started').check();
      // The third chunk hangs, as on a stalled network, until the upload is paused; Resume sends the rest.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/recordings/*/chunks/2', async (route) => { await held; await route.continue().catch(() => undefined); });
      await form.getByRole('button', { name: 'Upload', exact: true }).click();
      const progress = form.locator('progress');
      await eventually(async () => (await progress.evaluate((p) => (p as HTMLProgressElement).value)) > 0, 'the upload to make progress');
      await form.getByRole('button', { name: 'Pause upload' }).click();
      await form.getByTestId('upload-status').filter({ hasText: 'Paused' }).waitFor();
      release();
      await page.unroute('**/recordings/*/chunks/2');
      const paused = await progress.evaluate((p) => (p as HTMLProgressElement).value);
      assert.ok(paused > 0 && paused < 100, `paused at ${paused}%`);
      await screenshot(page, 'study-upload-paused');
      await form.getByRole('button', { name: 'Resume upload' }).click();
      await form.getByTestId('upload-status').filter({ hasText: /^Uploaded\. The recording starts 0:01 before the session started/ }).waitFor({ timeout: 30_000 });
      assert.equal(await progress.evaluate((p) => (p as HTMLProgressElement).value), 100);
      assert.match(await form.getByTestId('upload-progress-text').textContent() ?? '', /^100%/);
      await screenshot(page, 'study-upload-done');
      await expectAccessible(page, 'the study page with a recording upload');
      const recordings = await api<{ clockOffsetMs: number; bytes: number; status: string }[]>('GET', `/api/sessions/${links.sessionId}/recordings`, links.accessToken);
      assert.deepEqual(recordings.map((r) => [r.status, r.clockOffsetMs, r.bytes]), [['complete', -1000, file.length]], 'the resumed upload continued the same recording');

      // In the summary the note's clip sits 1 s later on the recording than on the session clock.
      await page.getByRole('link', { name: 'Session summary' }).click();
      await page.getByTestId('recordings-list').getByText(/Uploaded file · starts 0:01 before the session/).waitFor();
      const group = page.locator('.note-group[data-tag=confusion]');
      await group.getByTestId('play-clip').click();
      const view = '.note-group[data-tag=confusion] [data-testid=clip-view]';
      const first = await clipPlays(page, view, 'the summary clip to play');
      assert.equal(first.start, 0, 'the default window begins 10 s before the note, clamped to the recording’s start');
      await group.getByLabel('Seconds before the note').fill('0.5');
      await group.getByLabel('Seconds after the note').fill('1');
      await group.getByRole('button', { name: 'Save window' }).click();
      await group.getByTestId('clip-status').filter({ hasText: 'Saved.' }).waitFor();
      const adjusted = await clipPlays(page, view, 'the adjusted clip to play');
      assert.ok(Math.abs(adjusted.start - (noteSeconds + 1 - 0.5)) < 0.01, `the clip starts at ${adjusted.start} s, not ${noteSeconds + 0.5} s`);
      assert.ok(Math.abs(adjusted.end - (noteSeconds + 1 + 1)) < 0.01, `the clip ends at ${adjusted.end} s, not ${noteSeconds + 2} s`);
      const saved = await api<{ beforeSeconds: number; afterSeconds: number }>('GET', `/api/sessions/${links.sessionId}/notes/${noteEvent.event.noteId}/clip`, links.accessToken);
      assert.deepEqual([saved.beforeSeconds, saved.afterSeconds], [0.5, 1], 'the window was saved for everyone');

      await group.getByRole('button', { name: /Play highlight reel \(1 clip\)/ }).click();
      await group.getByTestId('reel-status').filter({ hasText: /^Clip 1 of 1 · \d+:\d\d · Paused on the price/ }).waitFor();
      await eventually(async () => (await group.getByTestId('reel-video').evaluate((v) => (v as HTMLVideoElement).readyState)) >= 2, 'the highlight reel to play');
      await screenshot(page, 'summary-clips');
      await expectAccessible(page, 'the summary with a clip and a highlight reel');

      for (const p of [moderator, owner]) assert.deepEqual(p.errors, []);
    } finally {
      await closeAll(moderator, owner);
    }
  });
  });
}
