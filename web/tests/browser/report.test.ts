import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { addSession, createSession, reportFilePrefix } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { moderateSession } from './support/hub.ts';
import { closeAll, openSignedIn } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

/** The findings table's tags, top to bottom. */
function findingOrder(page: Page): Promise<string[]> {
  return withTimeout(page.locator('[data-testid=findings] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tag') ?? '')), 10_000, 'the findings order');
}

function findingRow(page: Page, tag: string) {
  return page.locator(`[data-testid=findings] tbody tr[data-tag="${tag}"]`);
}

test('the owner rates a finding on the study page: the findings re-order, the rating survives a reload and shows in the HTML report', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  const second = await addSession(env.server.url, links, 'P8');
  await moderateSession(env.server.url, links.moderator, [
    { text: 'Could not find the discount field', tags: ['confusion'] },
    { text: 'Where do I put the code?', tags: ['confusion'], kind: 'quote' },
    { text: 'Pay button did nothing on the first click', tags: ['bug'], kind: 'issue' },
  ]);
  await moderateSession(env.server.url, second.moderator, [{ text: 'Looked for the code under the basket', tags: ['confusion'] }]);

  const owner = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'owner');
  const { page } = owner;
  try {
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await findingRow(page, 'confusion').waitFor();
    // Unrated, the most frequent finding leads: #confusion in both sessions, #bug in one, #delight in none.
    assert.deepEqual(await findingOrder(page), ['confusion', 'bug', 'delight']);
    assert.match(await findingRow(page, 'confusion').textContent() ?? '', /2 of 2.*P7 ×2, P8.*unrated/);
    assert.match(await findingRow(page, 'bug').textContent() ?? '', /1 of 2/);

    await page.getByLabel('Your name').fill('Rita');
    await page.getByLabel('Severity of #bug', { exact: true }).selectOption({ label: '4 catastrophe' });
    await findingRow(page, 'bug').getByText('Not saved').waitFor();
    await page.getByRole('button', { name: 'Save the severity of #bug' }).click();
    await page.getByRole('status').filter({ hasText: '#bug is now 4 catastrophe. It is finding 1 of 3.' }).waitFor();
    assert.deepEqual(await findingOrder(page), ['bug', 'confusion', 'delight'], 'a catastrophe seen by half outranks an unrated finding seen by all');
    assert.match(await findingRow(page, 'bug').locator('.finding-severity').textContent() ?? '', /^4 catastropheby Rita,/);
    assert.equal(await withTimeout(page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 10_000, 'the focused control'),
      'Save the severity of #bug', 'focus follows the row to its new place');
    await screenshot(page, 'study-report-and-findings');
    await expectAccessible(page, 'the study page with the report and findings');

    await page.reload();
    await findingRow(page, 'bug').waitFor();
    assert.deepEqual(await findingOrder(page), ['bug', 'confusion', 'delight'], 'the order is kept after a reload');
    assert.match(await findingRow(page, 'bug').locator('.finding-severity').textContent() ?? '', /4 catastrophe.*by Rita/);
    assert.equal(await page.getByLabel('Severity of #bug', { exact: true }).inputValue(), '4');
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Rita', 'the name is remembered');

    // On a phone the page scrolls only up and down; the findings table scrolls sideways inside its own box.
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await withTimeout(page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth })), 10_000, 'the page width');
    assert.ok(widths.page <= widths.window, `the page is ${widths.page} px wide in a ${widths.window} px window`);
    await screenshot(page, 'study-page-phone');
    if (desktop) await page.setViewportSize(desktop);

    const [report] = await Promise.all([
      withTimeout(owner.context.waitForEvent('page'), 15_000, 'the report tab'),
      page.getByRole('button', { name: 'Open the HTML report' }).click(),
    ]);
    await eventually(() => report.url().startsWith('blob:'), 'the report tab to show the report');
    await report.getByRole('heading', { name: '#bug' }).waitFor();
    assert.match(await report.locator('body').textContent() ?? '', /Seen with 1 of 2 participants \(50%\); severity 4 catastrophe\./);
    await screenshot(report, 'study-report-html');
    await page.getByRole('status').filter({ hasText: 'The HTML report is open in a new tab.' }).waitFor();
    await report.close();

    // Unrated again, #bug drops back below the more frequent #confusion.
    await page.getByLabel('Severity of #bug', { exact: true }).selectOption({ label: 'Unrated' });
    await page.getByRole('button', { name: 'Save the severity of #bug' }).click();
    await page.getByRole('status').filter({ hasText: '#bug is now unrated. It is finding 2 of 3.' }).waitFor();
    assert.deepEqual(await findingOrder(page), ['confusion', 'bug', 'delight']);
    assert.deepEqual(owner.errors, []);
  } finally {
    await closeAll(owner);
  }
});

test('the study page downloads report files under the server’s names and says why one failed', { timeout: 60_000 }, async () => {
  const links = await createSession(env.server.url);
  const owner = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'owner', (page) => {
    // The server cannot be made to fail a report on purpose; its problem details are what the page must pass on.
    void page.route('**/report?format=csv-answers', (route) => route.fulfill({
      status: 503, contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'The store did not answer; try again.', code: 'unavailable' }),
    }));
  });
  const { page } = owner;
  try {
    const prefix = reportFilePrefix(links.studyId);
    const [download] = await Promise.all([
      withTimeout(page.waitForEvent('download'), 15_000, 'the notes download'),
      page.getByRole('button', { name: 'Notes (CSV)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${prefix}-notes.csv`);
    assert.match(await readFile(await withTimeout(download.path(), 15_000, 'the downloaded file'), 'utf8'), /^\uFEFF?session_id,/);
    await page.getByRole('status').filter({ hasText: `Downloaded ${prefix}-notes.csv.` }).waitFor();

    const [markdown] = await Promise.all([
      withTimeout(page.waitForEvent('download'), 15_000, 'the Markdown download'),
      page.getByRole('button', { name: 'Markdown report' }).click(),
    ]);
    assert.equal(markdown.suggestedFilename(), `${prefix}-report.md`);

    await page.getByRole('button', { name: 'Questionnaire answers (CSV)' }).click();
    await page.getByRole('status').filter({ hasText: 'The questionnaire answers could not be generated: The store did not answer; try again.' }).waitFor();
    await screenshot(page, 'study-report-download-failed');
    assert.deepEqual(owner.errors, []);
  } finally {
    await closeAll(owner);
  }
});

test('the owner compares two groups of sessions from the study page and is told in words when a group names nobody', { timeout: 90_000 }, async () => {
  const links = await createSession(env.server.url);
  const second = await addSession(env.server.url, links, 'P8');
  await moderateSession(env.server.url, links.moderator, [{ text: 'Could not find the discount field', tags: ['confusion'] }]);
  await moderateSession(env.server.url, second.moderator, [{ text: 'Found the code at once', tags: ['delight'] }]);

  const owner = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'owner');
  const { page } = owner;
  try {
    await page.getByText('Compare two groups of sessions').click();
    await page.getByLabel('First group').fill('P7');
    await page.getByLabel('Second group').fill('P9');
    await page.getByRole('button', { name: 'Open the comparison' }).click();
    await page.getByRole('status').filter({ hasText: "The comparison could not be generated: 'P9' in group B is neither a participant alias nor a session id of this study." }).waitFor();

    await page.getByLabel('Second group').fill('p8');
    await expectAccessible(page, 'the study page with the group comparison form');
    const [report] = await Promise.all([
      withTimeout(owner.context.waitForEvent('page'), 15_000, 'the comparison tab'),
      page.getByLabel('Second group').press('Enter'),
    ]);
    await report.getByRole('heading', { name: 'Group A (P7) compared with group B (P8)' }).first().waitFor();
    assert.match(await report.locator('body').textContent() ?? '', /Find a jacket: no finished attempt in one of the groups: nothing to compare\./);
    await screenshot(report, 'study-report-groups');
    await page.getByRole('status').filter({ hasText: 'The comparison is open in a new tab.' }).waitFor();
    await report.close();
    assert.deepEqual(owner.errors, []);
  } finally {
    await closeAll(owner);
  }
});
