// A view-only link to a study's report: the owner makes it on the study page, someone without any other link opens
// it, reads the report, plays a clip from it, and is told plainly once the owner has turned the link off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { moderateSession } from './support/hub.ts';
import { closeAll, open, openSignedIn } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { send as sendTo, uploadRecording as uploadTo } from './support/recordings.ts';

const env = useServerAndBrowser();

const send = (method: string, path: string, token: string, body?: BodyInit, contentType?: string) => sendTo(env.server.url, method, path, token, body, contentType);
const uploadRecording = (sessionId: string, accessToken: string) => uploadTo(env.server.url, sessionId, accessToken);

test('a view-only link opens the report and plays its clips for someone with no other link, and says so once it is turned off', { timeout: 180_000 }, async () => {
  const links = await createSession(env.server.url);
  await moderateSession(env.server.url, links.moderator, [
    { text: 'Could not find the discount field', tags: ['confusion'] },
    { text: 'Pay button did nothing on the first click', tags: ['bug'], kind: 'issue' },
  ]);
  await uploadRecording(links.sessionId, links.accessToken);

  const owner = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'owner');
  let viewer: Awaited<ReturnType<typeof open>> | undefined;
  try {
    const { page } = owner;
    await page.getByRole('heading', { name: 'Share the report' }).waitFor();
    await page.getByText('No shared links yet.').waitFor();
    assert.equal(await page.locator('.share').evaluate((e) => getComputedStyle(e).borderTopStyle), 'solid', 'a rule divides the share form from the report’s controls above it');
    await page.getByLabel('Link works for').selectOption({ label: '1 day' });
    await page.getByRole('button', { name: 'Share report' }).click();
    await page.getByTestId('share-status').filter({ hasText: /^Link made\. It works until / }).waitFor();
    const row = page.locator('[data-testid=share-list] li[data-status=active]');
    assert.equal(await row.count(), 1);
    const url = await row.locator('input').inputValue();
    assert.match(url, new RegExp(`^${env.server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/shared#sl2\\.`));
    assert.match(await row.textContent() ?? '', /Works until /);
    assert.equal(await withTimeout(page.evaluate(() => document.activeElement?.textContent), 10_000, 'the focused control'), 'Copy', 'focus goes to the new link’s Copy button');
    await screenshot(page, 'study-share-report');
    await expectAccessible(page, 'the study page with a shared link');

    // Someone who never opened the study: a fresh browser with only the shared link.
    viewer = await open(env.tb, url, 'viewer');
    const shared = viewer.page;
    await shared.getByRole('heading', { name: 'Shared report' }).waitFor();
    assert.ok(!shared.url().startsWith('blob:'), 'the shared report has an address of its own');
    assert.match(await shared.getByTestId('shared-notice').textContent() ?? '', /view-only copy of the report.*works until/);
    const report = shared.frameLocator('[data-testid=shared-report]');
    await report.getByRole('heading', { name: '#confusion' }).waitFor();
    assert.match(await report.locator('body').textContent() ?? '', /Could not find the discount field/);
    await screenshot(shared, 'shared-report');
    await expectAccessible(shared, 'the shared report page');

    // The report itself, on its own, passes axe too (its CSP forbids scripts, so this context lets axe in).
    const html = await (await withTimeout(fetch(`${env.server.url}/api/studies/${links.studyId}/report?format=html`, { headers: { Authorization: `Bearer ${decodeURIComponent(new URL(url).hash.slice(1))}` } }), 15_000, 'the report')).text();
    const bare = await withTimeout(env.tb.browser.newContext({ bypassCSP: true }), 15_000, 'a context for the bare report');
    try {
      const reportPage = await withTimeout(bare.newPage(), 15_000, 'a page for the bare report');
      await withTimeout(reportPage.setContent(html), 15_000, 'the report to load');
      await expectAccessible(reportPage, 'the HTML report read through a shared link');
    } finally {
      await withTimeout(bare.close(), 15_000, 'the bare report context').catch(() => undefined);
    }

    // A clip link in the report plays the clip for the link's holder, in a new tab.
    const clipLink = report.getByRole('link', { name: /clip/ }).first();
    const href = await clipLink.getAttribute('href') ?? '';
    assert.match(href, new RegExp(`/clip/${links.sessionId}/[0-9a-f-]{36}#sl2\\.`), 'the clip link carries the shared link');
    const [clipPage] = await Promise.all([
      withTimeout(viewer.context.waitForEvent('page'), 15_000, 'the clip tab'),
      clipLink.click(),
    ]);
    await clipPage.getByRole('heading', { name: /^Clip at / }).waitFor();
    assert.match(await clipPage.getByTestId('clip-note-text').textContent() ?? '', /Could not find the discount field|Pay button did nothing/);
    await eventually(() => clipPage.locator('[data-testid=clip-view]').evaluate((view) => {
      const video = view.querySelector('video');
      return view.getAttribute('data-start') !== null && !!video && video.readyState >= 1 && video.error === null;
    }), 'the clip to load in the player', 30_000);
    assert.equal(await clipPage.getByText('Clips are for the research team').count(), 0);
    assert.equal(await clipPage.getByRole('link', { name: 'Open the session summary' }).count(), 0, 'a view-only link opens no session summary');
    assert.equal(await clipPage.getByRole('button', { name: 'Export MP4' }).count(), 0);
    await screenshot(clipPage, 'shared-clip');
    await expectAccessible(clipPage, 'a clip opened from a shared report');

    // On a phone the shared page scrolls only up and down.
    await shared.setViewportSize({ width: 390, height: 844 });
    const widths = await withTimeout(shared.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth })), 10_000, 'the page width');
    assert.ok(widths.page <= widths.window, `the shared page is ${widths.page} px wide in a ${widths.window} px window`);
    await screenshot(shared, 'shared-report-phone');

    // The owner turns the link off; the next visit says so, on the report and on the clip.
    await page.getByRole('button', { name: /^Revoke the link made / }).click();
    await page.getByTestId('share-status').filter({ hasText: 'Link turned off.' }).waitFor();
    await page.locator('[data-testid=share-list] li[data-status=revoked]').filter({ hasText: /Turned off / }).waitFor();
    assert.equal(await page.locator('[data-testid=share-list] li[data-status=active]').count(), 0);

    await shared.reload();
    await shared.getByRole('heading', { name: 'This link was turned off' }).waitFor();
    assert.match(await shared.getByRole('alert').textContent() ?? '', /The study's team turned this link off on /);
    assert.equal(await shared.locator('iframe').count(), 0);
    await screenshot(shared, 'shared-report-revoked');
    await expectAccessible(shared, 'a turned-off shared link');
    await clipPage.reload();
    await clipPage.getByRole('heading', { name: 'This link was turned off' }).waitFor();

    // The list survives a reload of the study page.
    await page.reload();
    await page.locator('[data-testid=share-list] li[data-status=revoked]').waitFor();
    assert.deepEqual([...owner.errors, ...viewer.errors], []);
  } finally {
    await closeAll(owner, viewer);
  }
});

test('a view-only link to a highlight reel plays the reel, and one the owner makes on a clip’s page plays that clip, for someone with no other link', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  await moderateSession(env.server.url, links.moderator, [
    { text: 'Could not find the discount field', tags: ['confusion'] },
    { text: 'Looked for the code under the basket', tags: ['confusion'] },
  ]);
  await uploadRecording(links.sessionId, links.accessToken);
  const shares = `/api/studies/${links.studyId}/shares`;
  const reel = await send('POST', shares, links.accessToken, JSON.stringify({ scope: 'highlights', sessionId: links.sessionId, tag: 'confusion', expiresInDays: 7 })) as { url: string };
  const events = await send('GET', `/api/sessions/${links.sessionId}/events?after=0`, links.accessToken) as { event: { type: string; noteId?: string; text?: string } }[];
  const noteId = events.find((e) => e.event.type === 'noteAdded' && e.event.text === 'Looked for the code under the basket')!.event.noteId!;

  // The owner shares one clip from its page, by keyboard: a link that works for a day.
  const owner = await openSignedIn(env.tb, env.server.url, `/clip/${links.sessionId}/${noteId}`, 'owner');
  let clip: { url: string };
  try {
    const ownerPage = owner.page;
    await ownerPage.getByRole('heading', { name: 'Share this clip' }).waitFor();
    await ownerPage.getByTestId('share-list').getByText('No shared links yet.').waitFor();
    assert.equal(await ownerPage.locator('.share').evaluate((e) => getComputedStyle(e).borderTopStyle), 'none', 'the share panel, alone in its box, has no rule along its top');
    await ownerPage.getByLabel('Link works for').selectOption('1');
    await ownerPage.getByRole('button', { name: 'Share clip' }).focus();
    await ownerPage.keyboard.press('Enter');
    await ownerPage.getByTestId('share-status').filter({ hasText: /^Link made\. It works until .*watch the clip\.$/ }).waitFor();
    clip = { url: await ownerPage.locator('.share-list input.invite-url').inputValue() };
    assert.match(clip.url, new RegExp(`/clip/${links.sessionId}/${noteId}#sl2\\.`), 'a clip link opens the clip page');
    const listed = await send('GET', shares, links.accessToken) as { scope: string; noteId: string | null }[];
    assert.deepEqual(listed.filter((l) => l.scope === 'clip').map((l) => l.noteId), [noteId], 'the link opens that one note’s clip');
    await screenshot(ownerPage, 'clip-page-share');
    await expectAccessible(ownerPage, 'a clip page with its share form');
    assert.deepEqual(owner.errors, []);
  } finally {
    await closeAll(owner);
  }

  const viewer = await open(env.tb, reel.url, 'reel viewer');
  try {
    const { page } = viewer;
    await page.getByRole('heading', { name: 'Highlight reel: #confusion' }).waitFor();
    await page.getByTestId('reel-status').filter({ hasText: /^Clip 1 of 2 · / }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.reel-list li button').count(), 2);
    await screenshot(page, 'shared-highlight-reel');
    await expectAccessible(page, 'a shared highlight reel');

    await page.goto(clip.url);
    await page.getByRole('heading', { name: /^Clip at / }).waitFor();
    assert.equal(await page.getByTestId('clip-note-text').textContent(), 'Looked for the code under the basket');
    await eventually(() => page.locator('[data-testid=clip-view]').evaluate((view) => view.getAttribute('data-start') !== null), 'the clip to load', 30_000);

    // A link altered on the way (a character lost in an email, say) is told it does not work, on both pages.
    const signature = clip.url.slice(clip.url.lastIndexOf('.') + 1);
    const altered = clip.url.slice(0, clip.url.lastIndexOf('.') + 1) + (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await page.goto(altered);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    await page.goto(`${env.server.url}/shared#${altered.split('#')[1]}`);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    assert.match(await page.getByRole('alert').textContent() ?? '', /altered/);
    await expectAccessible(page, 'an altered shared link');
    assert.deepEqual(viewer.errors, []);
  } finally {
    await closeAll(viewer);
  }
});
