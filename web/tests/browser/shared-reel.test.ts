// Sharing a highlight reel from the session summary: the study's owner makes a view-only link to one tag's reel by
// keyboard, beside the reel's own "Play" button, and someone with no other link plays that reel. The moderator, who is
// not the study's owner, is not offered to share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { moderateSession } from './support/hub.ts';
import { closeAll, open, openSignedIn } from './support/session.ts';
import { withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { send as sendTo, uploadRecording as uploadTo } from './support/recordings.ts';

const env = useServerAndBrowser();

const send = (method: string, path: string, token: string, body?: BodyInit, contentType?: string) => sendTo(env.server.url, method, path, token, body, contentType);
const uploadRecording = (sessionId: string, accessToken: string) => uploadTo(env.server.url, sessionId, accessToken);

const focused = (page: import('playwright-core').Page) =>
  withTimeout(page.evaluate(() => {
    const e = document.activeElement;
    return e ? `${e.tagName.toLowerCase()}|${e.getAttribute('aria-label') ?? e.textContent ?? ''}|${e.id}` : '';
  }), 10_000, 'the focused control');

test('the study’s owner shares a tag’s highlight reel from the session summary by keyboard, and the link plays that reel for someone with no other link', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  await moderateSession(env.server.url, links.moderator, [
    { text: 'Could not find the discount field', tags: ['confusion'] },
    { text: 'Pay button did nothing on the first click', tags: ['bug'], kind: 'issue' },
    { text: 'Looked for the code under the basket', tags: ['confusion'] },
  ]);
  await uploadRecording(links.sessionId, links.accessToken);

  const owner = await openSignedIn(env.tb, env.server.url, `/summary/${links.sessionId}`, 'owner');
  let moderator: Awaited<ReturnType<typeof open>> | undefined;
  let viewer: Awaited<ReturnType<typeof open>> | undefined;
  try {
    const { page } = owner;
    await page.getByRole('heading', { name: /^Session summary: participant P7/ }).waitFor();
    const group = page.locator('section.note-group[data-tag=confusion]');
    const toggle = page.getByRole('button', { name: 'Share reel for #confusion', exact: true });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('heading', { name: 'Share this highlight reel' }).count(), 0, 'the share form opens on demand');

    // By keyboard: open the panel, Tab to the expiry, pick a day, Tab to the button and press Enter.
    await toggle.focus();
    await page.keyboard.press('Enter');
    const close = page.getByRole('button', { name: 'Close sharing for #confusion', exact: true });
    await close.waitFor();
    assert.equal(await close.getAttribute('aria-expanded'), 'true');
    assert.match(await focused(page), /^button\|Close sharing for #confusion\|/, 'focus stays on the toggle');
    const panel = group.getByRole('group', { name: 'Share this highlight reel' });
    await panel.getByText('No shared links yet.').waitFor();
    assert.equal(await panel.getByRole('heading', { name: 'Share this highlight reel', level: 4 }).count(), 1, 'the panel’s title sits under the tag’s heading');
    assert.match(await panel.textContent() ?? '', /Anyone with the link can play this highlight reel, nothing else/);
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^select\|/, 'Tab leads into the share form');
    await page.keyboard.press('Home'); // the first choice: 1 day
    assert.equal(await panel.getByLabel('Link works for').inputValue(), '1');
    await page.keyboard.press('Tab');
    assert.match(await focused(page), /^button\|Share reel\|/);
    await page.keyboard.press('Enter');
    await panel.getByTestId('share-status').filter({ hasText: /^Link made\. It works until .*watch the reel\.$/ }).waitFor();
    assert.match(await focused(page), /^button\|Copy the link made /, 'focus goes to the new link’s Copy button');
    const row = panel.locator('[data-testid=share-list] li[data-status=active]');
    assert.equal(await row.count(), 1);
    const url = await row.locator('input').inputValue();
    assert.match(url, new RegExp(`^${env.server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/shared#sl2\\.`));

    const listed = await send('GET', `/api/studies/${links.studyId}/shares`, links.accessToken) as { scope: string; sessionId: string | null; tag: string | null; expiresAt: string; createdAt: string }[];
    assert.equal(listed.length, 1);
    assert.deepEqual({ scope: listed[0]!.scope, sessionId: listed[0]!.sessionId, tag: listed[0]!.tag }, { scope: 'highlights', sessionId: links.sessionId, tag: 'confusion' });
    const days = (Date.parse(listed[0]!.expiresAt) - Date.parse(listed[0]!.createdAt)) / 86_400_000;
    assert.ok(Math.abs(days - 1) < 0.01, `the link works for a day, not ${days}`);

    // Another tag's panel lists only its own reel's links.
    await page.getByRole('button', { name: 'Share reel for #bug', exact: true }).click();
    await page.locator('section.note-group[data-tag=bug]').getByRole('group', { name: 'Share this highlight reel' }).getByText('No shared links yet.').waitFor();
    await screenshot(page, 'summary-share-reel');
    await expectAccessible(page, 'the session summary with two reels’ share forms open');

    // On a phone the summary still scrolls only up and down.
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await withTimeout(page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth })), 10_000, 'the page width');
    assert.ok(widths.page <= widths.window, `the summary is ${widths.page} px wide in a ${widths.window} px window`);
    await screenshot(page, 'summary-share-reel-phone');

    // The moderator, who is not the study's owner, can play the reel but is not offered to share it.
    moderator = await open(env.tb, `${env.server.url}/summary/${links.sessionId}#${new URL(links.moderator).hash.slice(1)}`, 'moderator');
    await moderator.page.locator('section.note-group[data-tag=confusion] [data-testid=play-reel]').waitFor();
    assert.equal(await moderator.page.getByTestId('share-reel').count(), 0, 'only the study’s owner shares a reel');

    // Someone who never opened the study: a fresh browser with only the shared link.
    viewer = await open(env.tb, url, 'viewer');
    const shared = viewer.page;
    await shared.getByRole('heading', { name: 'Highlight reel: #confusion' }).waitFor();
    await shared.getByTestId('reel-status').filter({ hasText: /^Clip 1 of 2 · / }).waitFor({ timeout: 20_000 });
    assert.equal(await shared.locator('.reel-list li button').count(), 2);
    assert.doesNotMatch(await shared.locator('main').textContent() ?? '', /Pay button did nothing/, 'the reel holds only its tag’s clips');
    await screenshot(shared, 'shared-reel-from-summary');
    await expectAccessible(shared, 'a highlight reel shared from the session summary');
    assert.deepEqual([...owner.errors, ...moderator.errors, ...viewer.errors], []);
  } finally {
    await closeAll(owner, moderator, viewer);
  }
});
