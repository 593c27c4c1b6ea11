import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, screenshot, watchErrors } from './support/browser.ts';
import { createSession, ownerCall, studyDraft } from './support/api.ts';
import { signIn } from './support/session.ts';
import { withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

test('a researcher edits a task and the palette, sees the new version and its history, and is told plainly when someone saved first', { timeout: 180_000 }, async () => {
  const links = await createSession(env.server.url);
  const context = await env.tb.context();
  const page = await withTimeout(context.newPage(), 15_000, 'a page');
  const errors = watchErrors(page, 'researcher');
  try {
    await signIn(context, env.server.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${env.server.url}/study/${links.studyId}`);
    await page.getByRole('heading', { name: 'Version and changes' }).waitFor();
    assert.match(await page.locator('#study-version').textContent() ?? '', /^Version 1, as created on /);

    await page.getByRole('button', { name: 'Edit study' }).click();
    assert.equal(await withTimeout(page.evaluate(() => document.activeElement?.id), 10_000, 'the focused field'), 'f-name', 'the editor opens at its first field');
    assert.equal(await page.locator('#f-tasks-0-title').inputValue(), 'Find a jacket');
    await screenshot(page, 'study-edit');
    await expectAccessible(page, 'the study editor');

    await page.locator('#f-tasks-0-title').fill('Find a rain jacket');
    await page.getByRole('button', { name: 'Add a tag' }).click();
    await page.keyboard.type('pricing');
    await page.getByRole('button', { name: 'Save changes' }).click();

    await page.getByRole('status').filter({ hasText: 'Saved. This is now version 2' }).waitFor();
    assert.equal(await withTimeout(page.evaluate(() => document.activeElement?.id), 10_000, 'the focused heading'), 'version-title');
    assert.match(await page.locator('#study-version').textContent() ?? '', /^Version 2, last changed by Olive Owner on /);
    assert.equal(await page.locator('.task-script > li h3').first().textContent(), 'Find a rain jacket');
    assert.match(await page.locator('.palette-list').textContent() ?? '', /#pricing/);
    await page.getByText('Earlier versions').click();
    const history = page.locator('.version-history > li');
    await history.first().filter({ hasText: /^Version 1/ }).waitFor();
    assert.equal(await history.count(), 1);
    assert.match(await history.first().textContent() ?? '', /^Version 1, as created on .*Find a jacket;.*#delight\.$/);
    await screenshot(page, 'study-edited');
    await expectAccessible(page, 'the study page after an edit');

    // Someone else saves version 3 while this page still edits version 2: nothing is overwritten, and the page says why.
    await page.getByRole('button', { name: 'Edit study' }).click();
    await page.locator('#f-goal').fill('Mine');
    await ownerCall(env.server.url, 'PUT', `/api/studies/${links.studyId}`, {
      ...studyDraft, expectedVersion: 2, goal: 'Theirs',
      tasks: studyDraft.tasks.map((t, i) => ({ ...t, id: `t${i + 1}` })),
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText(/Your changes were not saved: someone else changed this study while you were editing\. Someone saved version 3/).waitFor();
    await expectAccessible(page, 'the study editor after a conflicting save');
    await summary.getByRole('button', { name: 'Reload the study' }).click();
    await page.locator('#study-version', { hasText: /^Version 3, / }).waitFor();
    assert.equal(await page.locator('.lead').textContent(), 'Theirs');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Edit study' }).click();
    await page.locator('#f-tasks-0-title').waitFor();
    await screenshot(page, 'study-edit-phone');
    await expectAccessible(page, 'the study editor on a phone');
    assert.deepEqual(errors.filter((e) => !/409/.test(e)), []);
  } finally {
    await withTimeout(context.close(), 15_000, 'the context to close');
  }
});
