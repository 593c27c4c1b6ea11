import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAccessible, screenshot, watchErrors } from './support/browser.ts';
import { createSession } from './support/api.ts';
import { closeAll, joinTeam, signIn } from './support/session.ts';
import { withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

test('a researcher creates a study with tasks and a tag palette, schedules a session and gets a link per role', { timeout: 180_000 }, async () => {
  const context = await env.tb.context();
  const page = await withTimeout(context.newPage(), 15_000, 'a page');
  const errors = watchErrors(page, 'researcher');
  let moderator;
  try {
    await signIn(context, env.server.url);
    await page.goto(env.server.url + '/');
    await page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();
    await screenshot(page, 'home');
    await expectAccessible(page, 'the home page');

    await page.getByRole('link', { name: 'New study' }).first().click();
    await page.getByRole('heading', { name: 'Create a study' }).waitFor();
    await screenshot(page, 'study-new');
    await expectAccessible(page, 'the new study form');

    // Submitting empty says what is missing and links each problem to its field.
    await page.getByRole('button', { name: 'Create study' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('Give the study a name.').waitFor();
    await summary.getByRole('link', { name: 'Task 1 needs a title.' }).click();
    assert.equal(await withTimeout(page.evaluate(() => document.activeElement?.id), 10_000, 'the focused field'), 'f-tasks-0-title');
    await screenshot(page, 'study-new-errors');
    await expectAccessible(page, 'the new study form with errors');

    await page.getByLabel('Study name').fill('Onboarding study');
    await page.getByLabel('Goal: what the team wants to learn (optional)').fill('Do new users finish setup alone?');
    await page.locator('#f-tasks-0-title').fill('Create an account');
    await page.locator('#f-tasks-0-instructions').fill('Sign up with your work email.');
    await page.locator('#f-tasks-0-successCriteria').fill('Reaches the welcome screen.');
    await page.locator('#f-tasks-0-timeLimitSeconds').fill('3');
    await page.getByRole('button', { name: 'Add a task' }).click();
    assert.equal(await withTimeout(page.evaluate(() => document.activeElement?.id), 10_000, 'the focused field'), 'f-tasks-1-title', 'a new task takes the focus');
    await page.keyboard.type('Invite a colleague');
    await page.locator('#f-tasks-1-instructions').fill('Invite someone to your workspace.');
    await page.getByRole('button', { name: 'Add a tag' }).click();
    await page.keyboard.type('#onboarding');
    // The server refuses two tags on one hotkey; its field error lands beside the field.
    await page.locator('#f-tags-4-hotkey').selectOption('1');
    await page.getByRole('button', { name: 'Create study' }).click();
    await page.locator('.field-error', { hasText: /^Hotkey 1 is already #[\w-]+'s; give #onboarding another\.$/ }).waitFor();
    assert.equal(await page.locator('#f-tags-4-hotkey').getAttribute('aria-invalid'), 'true');
    await page.locator('#f-tags-4-hotkey').selectOption('5');
    await page.getByRole('button', { name: 'Create study' }).click();

    await page.getByRole('heading', { name: 'Onboarding study', level: 1 }).waitFor();
    assert.match(page.url(), /\/study\/[\w-]+$/);
    assert.equal(await page.locator('.task-script > li').count(), 2);
    assert.match(await page.locator('.palette-list').textContent() ?? '', /#onboarding.*Alt\+5/);

    await page.getByLabel(/Participant alias/).fill('P4');
    await page.getByLabel('Moderator name (optional)').fill('Mona');
    await page.getByRole('button', { name: 'Schedule session' }).click();
    const links: Record<string, string> = {};
    for (const role of ['moderator', 'observer', 'participant']) {
      links[role] = await page.getByLabel(new RegExp(`^${role} link`, 'i')).inputValue();
      assert.match(links[role]!, /\/join#sl2\./, `the ${role} link`);
    }
    // Copying says so on screen, not only to screen readers (without clipboard access the link is selected instead).
    await page.getByRole('button', { name: 'Copy the observer link' }).click();
    await page.getByTestId('status-toast').filter({ hasText: /^Observer link (copied\.|selected: press Ctrl\+C to copy it\.)$/ }).waitFor();
    assert.equal(await page.getByTestId('status-toast').isVisible(), true);
    await screenshot(page, 'study-with-session-and-invites');
    await expectAccessible(page, 'the study page with invite links');

    // The moderator link opens the console for this session.
    moderator = await joinTeam(env.tb, links.moderator!, 'moderator');
    await moderator.page.getByRole('heading', { name: 'Session console' }).waitFor();
    assert.match(await moderator.page.locator('header').textContent() ?? '', /Onboarding study · Participant P4/);

    await page.goto(env.server.url + '/');
    await page.getByRole('link', { name: 'Onboarding study' }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await closeAll(moderator);
    await withTimeout(context.close(), 15_000, 'the context to close');
  }
});

test('the study page links the summary of an ended session, readable by the signed-in owner', { timeout: 90_000 }, async () => {
  const links = await createSession(env.server.url);
  const end = await withTimeout(fetch(`${env.server.url}/api/sessions/${links.sessionId}/end`, { method: 'POST', headers: { Authorization: `Bearer ${links.accessToken}` } }), 15_000, 'the session to end');
  assert.equal(end.status, 200);
  const context = await env.tb.context();
  const page = await withTimeout(context.newPage(), 15_000, 'a page');
  const errors = watchErrors(page, 'researcher');
  try {
    await signIn(context, env.server.url);
    await page.goto(`${env.server.url}/study/${links.studyId}`);
    await page.getByRole('link', { name: 'Session summary' }).click();
    await page.getByRole('heading', { name: 'Session summary: participant P7' }).waitFor();
    assert.match(page.url(), new RegExp(`/summary/${links.sessionId}$`));
    assert.match(await page.getByTestId('summary-tasks').textContent() ?? '', /Find a jacket.*Not attempted/);
    await page.getByRole('link', { name: 'Back to the study' }).waitFor();
    await screenshot(page, 'summary-from-study-page');
    await expectAccessible(page, 'the summary opened from the study page');
    assert.deepEqual(errors, []);
  } finally {
    await withTimeout(context.close(), 15_000, 'the context to close');
  }
});
