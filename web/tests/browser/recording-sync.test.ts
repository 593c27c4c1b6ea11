// Recordings in step with the session clock, through the app's screens: a console recording begun before Start
// session and cut by a reload is offered at once, saved and restarted in one step, and starts before the session so
// its clips line up; the session banner stays in view while the console scrolls; and the owner re-aligns an uploaded
// recording from the summary, which moves its clips. Chromium's fake devices stand in for the screen and microphone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createSession, sessionEvents } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { moderateSession } from './support/hub.ts';
import { send, uploadRecording } from './support/recordings.ts';
import { closeAll, joinTeam, openSignedIn, waitForNote, writeNote, type Person } from './support/session.ts';
import { eventually } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

interface RecordingJson { id: string; status: string; clockOffsetMs: number; captureStartedAt: string | null; createdAt: string }
interface ClipJson { recordingId: string; startSeconds: number; endSeconds: number; beforeSeconds: number }

/** Seconds recorded, as the console's recording panel shows them. */
async function recordedSeconds(page: Page): Promise<number> {
  const [, minutes, seconds] = /(\d+):(\d\d)/.exec(await page.getByTestId('recording-elapsed').textContent() ?? '') ?? [];
  return Number(minutes) * 60 + Number(seconds);
}

/** Scrolls the page to its end, then says where the banner and its recording badge are. */
async function bannerAfterScrolling(page: Page): Promise<{ scrollable: boolean; bannerTop: number; bannerBottom: number; badgeTop: number; badgeBottom: number; badgeVisible: boolean }> {
  return page.evaluate(() => {
    const scrollable = document.documentElement.scrollHeight > window.innerHeight + 50;
    window.scrollTo(0, document.documentElement.scrollHeight);
    const banner = document.querySelector('header.banner')!.getBoundingClientRect();
    const badgeElement = document.querySelector<HTMLElement>('[data-testid=recording-badge]')!;
    const badge = badgeElement.getBoundingClientRect();
    return { scrollable, bannerTop: banner.top, bannerBottom: banner.bottom, badgeTop: badge.top, badgeBottom: badge.bottom, badgeVisible: !badgeElement.hidden && badge.height > 0 };
  });
}

async function expectBannerInView(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  const seen = await bannerAfterScrolling(page);
  assert.ok(seen.scrollable, `the console at ${size.width}×${size.height} is taller than the window, so it scrolls`);
  assert.equal(seen.bannerTop, 0, `the banner stays at the top at ${size.width}×${size.height}`);
  assert.ok(seen.badgeVisible && seen.badgeTop >= 0 && seen.badgeBottom <= seen.bannerBottom, `the recording badge is in view at ${size.width}×${size.height}`);
  assert.ok(seen.bannerBottom <= size.height / 4, `the banner takes at most a quarter of the window at ${size.width}×${size.height} (${seen.bannerBottom}px)`);
}

test('a console recording begun before Start session and cut by a reload is explained at once, saved and restarted in one step, starts before the session, and its clips line up; the banner stays in view while the console scrolls', { timeout: 180_000 }, async () => {
  const links = await createSession(env.server.url);
  let moderator: Person | undefined;
  let ada: Person | undefined;
  try {
    moderator = await joinTeam(env.tb, links.moderator, 'moderator');
    ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
    const mod = moderator.page;

    // The moderator starts recording while setting up, and starts the session a few seconds later.
    await mod.getByRole('button', { name: /Start recording/ }).click();
    await mod.locator('[data-testid=recording-state][data-state=recording]').waitFor();
    await eventually(async () => await recordedSeconds(mod) >= 3, 'three seconds recorded before the session starts', 30_000);
    await mod.getByRole('button', { name: /Start session/ }).click();
    await mod.getByRole('button', { name: /Start task 1/ }).waitFor();
    await writeNote(ada.page, 'Looked for the export button #confusion');
    await waitForNote(mod, 'Looked for the export button', 'the moderator');
    await eventually(async () => {
      const [, uploaded, queued] = /^(\d+) of (\d+) chunks? uploaded/.exec(await mod.getByTestId('recording-upload').textContent() ?? '') ?? [];
      return await recordedSeconds(mod) >= 8 && uploaded !== undefined && uploaded === queued;
    }, 'eight seconds recorded, and all of it uploaded', 30_000);

    // The session's banner (recording badge, clock, connection) stays at the top however far the console scrolls.
    await expectBannerInView(mod, desktop);
    await expectAccessible(mod, 'the moderator console recording, scrolled, at 1280×800');
    await expectBannerInView(mod, phone);
    await screenshot(mod, 'moderator-console-scrolled-phone');
    await expectAccessible(mod, 'the moderator console recording, scrolled, at 390×844');
    await mod.setViewportSize(desktop);

    mod.on('dialog', (dialog) => void dialog.accept());
    await mod.reload();
    await mod.locator('[data-testid=connection][data-state=connected]').waitFor();
    // Said as soon as the console is back, before anything is read from the server.
    const state = mod.getByTestId('recording-state');
    assert.equal(await state.getAttribute('data-state'), 'reloaded');
    assert.match(await state.textContent() ?? '', /Recording stopped because the page was reloaded/);
    assert.match(await mod.getByTestId('recording-badge').textContent() ?? '', /Recording stopped: page reloaded/);

    const offer = mod.getByTestId('recording-interrupted');
    const saveAndRecord = offer.getByRole('button', { name: 'Save and record again' });
    await saveAndRecord.waitFor({ timeout: 20_000 });
    assert.match(await offer.textContent() ?? '', /Recording stopped because the page was reloaded\. \d+ chunks? \([\d.]+ [KM]B\) of it reached the server\./);
    await offer.getByRole('button', { name: 'Save only' }).waitFor();
    await screenshot(mod, 'moderator-recording-reloaded');
    await expectAccessible(mod, 'the moderator console after a reload cut the recording, at 1280×800');
    await mod.setViewportSize(phone);
    await expectAccessible(mod, 'the moderator console after a reload cut the recording, at 390×844');
    await mod.setViewportSize(desktop);

    // One press, by keyboard: what reached the server is saved, and a new recording starts.
    await saveAndRecord.focus();
    await mod.keyboard.press('Enter');
    await mod.locator('[data-testid=recording-state][data-state=recording]').waitFor({ timeout: 20_000 });
    const saved = offer.getByTestId('recording-interrupted-saved');
    await saved.waitFor({ timeout: 40_000 });
    assert.match(await saved.textContent() ?? '', /^Interrupted recording saved: /);

    const recordings = await send(env.server.url, 'GET', `/api/sessions/${links.sessionId}/recordings`, links.accessToken) as RecordingJson[];
    assert.equal(recordings.length, 2, 'the saved recording and the new one');
    const [rescued, again] = recordings;
    assert.equal(rescued!.status, 'complete');
    assert.equal(again!.status, 'uploading', 'the new recording is being recorded');
    const events = await sessionEvents(env.server.url, links);
    const sessionStartedAt = Date.parse(events.find((e) => e.event.type === 'sessionStarted')!.recordedAt);
    const expectedOffset = Date.parse(rescued!.captureStartedAt!) - sessionStartedAt;
    assert.ok(rescued!.clockOffsetMs <= -3_000, `recording began at least 3 s before the session, so it starts at ${rescued!.clockOffsetMs} ms`);
    assert.ok(Math.abs(rescued!.clockOffsetMs - expectedOffset) <= 1, `the offset ${rescued!.clockOffsetMs} ms is from when capture began to the session's start (${expectedOffset} ms)`);

    // The observer's note falls where it was written: its session time plus however long recording ran before the start.
    // A window of 1 s each side, so the clip is not cut short by the recording's start.
    const note = events.find((e) => e.event.type === 'noteAdded')!;
    const clipPath = `/api/sessions/${links.sessionId}/notes/${note.event.noteId}/clip`;
    const clip = await send(env.server.url, 'PUT', clipPath, links.accessToken, JSON.stringify({ beforeSeconds: 1, afterSeconds: 1 })) as ClipJson;
    assert.equal(clip.recordingId, rescued!.id);
    assert.ok(Math.abs(clip.startSeconds - ((note.event.clockOffsetMs! - rescued!.clockOffsetMs) / 1000 - clip.beforeSeconds)) < 0.01,
      `the clip starts at ${clip.startSeconds} s of the recording`);
    const noteView = ada.page.locator('[data-testid=timeline] .note', { hasText: 'Looked for the export button' });
    await noteView.getByTestId('play-clip').click({ timeout: 20_000 });
    const view = ada.page.locator('[data-testid=timeline] [data-testid=clip-view][data-start]');
    await view.waitFor({ timeout: 20_000 });
    assert.equal(Number(await view.getAttribute('data-start')), clip.startSeconds, 'the timeline plays the clip from the same moment');
    assert.deepEqual(moderator.errors.filter((e) => !/beforeunload/i.test(e)), []);
  } finally {
    await closeAll(moderator, ada);
  }
});

test('the owner aligns an uploaded recording with the session from the summary by keyboard, and its clips move at once', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  let owner: Person | undefined;
  try {
    // Notes a second apart: the last at 0:03 of the session. The file's start was entered as the session's start.
    await moderateSession(env.server.url, links.moderator, [
      { text: 'Opened the app', tags: [] }, { text: 'Read the plans', tags: [] }, { text: 'Scrolled down', tags: [] }, { text: 'Paused on the price', tags: ['confusion'] },
    ]);
    await send(env.server.url, 'POST', `/api/sessions/${links.sessionId}/end`, links.accessToken);
    await uploadRecording(env.server.url, links.sessionId, links.accessToken);
    const note = (await sessionEvents(env.server.url, links)).find((e) => e.event.text === 'Paused on the price')!;
    assert.equal(note.event.clockOffsetMs, 3_000);
    const clipPath = `/api/sessions/${links.sessionId}/notes/${note.event.noteId}/clip`;
    await send(env.server.url, 'PUT', clipPath, links.accessToken, JSON.stringify({ beforeSeconds: 1, afterSeconds: 1 }));

    owner = await openSignedIn(env.tb, env.server.url, `/summary/${links.sessionId}`, 'owner');
    const page = owner.page;
    const list = page.getByTestId('recordings-list');
    await list.getByText(/Uploaded file · starts with the session/).waitFor();
    const noteItem = page.locator(`.notes-by-tag li[data-note-id="${note.event.noteId}"]`).first();
    await noteItem.getByTestId('play-clip').click();
    const view = noteItem.getByTestId('clip-view');
    await eventually(async () => await view.getAttribute('data-start') === '2', 'the clip to play from 0:02 of the recording', 20_000);

    // In the recording, the price pause is at 0:04; it happened at 0:03 of the session.
    const alignButton = list.getByRole('button', { name: /^Align with the session/ });
    await alignButton.focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('recording-align');
    await form.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'align-recording-time', 'focus moves into the form');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0:04');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'align-session-time');
    await page.keyboard.type('0:03');
    await expectAccessible(page, 'the summary aligning a recording, at 1280×800');
    await page.setViewportSize(phone);
    await screenshot(page, 'summary-recording-align-phone');
    await expectAccessible(page, 'the summary aligning a recording, at 390×844');
    await page.setViewportSize(desktop);
    await page.keyboard.press('Enter');

    await eventually(async () => /^Aligned: the recording now starts 0:01 before the session\. Clips follow\.$/.test(await form.getByTestId('align-status').textContent() ?? ''), 'the alignment to be confirmed', 15_000);
    await list.getByText(/Uploaded file · starts 0:01 before the session/).waitFor({ timeout: 15_000 });
    // The open clip moved with the recording, without being reopened; the server cuts it there for everyone.
    await eventually(async () => await view.getAttribute('data-start') === '3', 'the open clip to play from 0:03 of the recording', 20_000);
    const clip = await send(env.server.url, 'GET', clipPath, links.accessToken) as ClipJson;
    assert.deepEqual([clip.startSeconds, clip.endSeconds], [3, 5]);
    await expectAccessible(page, 'the summary after aligning a recording');
    assert.deepEqual(owner.errors, []);
  } finally {
    await closeAll(owner);
  }
});
