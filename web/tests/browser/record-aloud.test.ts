import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { closeAll, joinTeam, type Person } from './support/session.ts';
import { eventually } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

function taskResult(person: Person, title: string): Promise<string> {
  return person.page.locator('[data-testid=task-results] li', { hasText: title }).locator('.task-result').innerText({ timeout: 10_000 });
}

test('the moderator records the SEQ and SUS the participant gave aloud, and the team sees them', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  let moderator: Person | undefined;
  let ada: Person | undefined;
  try {
    moderator = await joinTeam(env.tb, links.moderator, 'moderator');
    ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
    const page = moderator.page;
    await page.getByRole('button', { name: /Start session/ }).click();
    await page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await page.getByLabel(/Success/).check();
    await page.getByRole('button', { name: /End task/ }).click();

    // The participant's page is not even open: the moderator records the rating they said aloud.
    await page.getByText('Record the SEQ answer given aloud').click();
    const seq = page.getByRole('form', { name: 'SEQ answer given aloud' });
    // Keys 1–7 choose the rating, as the console's help says.
    await seq.getByRole('radio', { name: /^1/ }).focus();
    await page.keyboard.press('5');
    assert.equal(await seq.getByRole('radio', { name: /^5$/ }).isChecked(), true, 'the key 5 chose the rating 5');
    await seq.getByLabel(/What the participant added/).fill('Said the filters helped');
    await expectAccessible(moderator.page, 'the console’s SEQ form for an answer given aloud');
    await screenshot(page, 'moderator-record-seq-aloud');
    await seq.getByRole('button', { name: 'Save SEQ answer' }).click();
    await page.getByTestId('record-status').filter({ hasText: 'Recorded SEQ 5/7 for “Find a jacket”' }).waitFor();
    for (const [person, label] of [[moderator, 'the moderator'], [ada, 'Ada']] as const) {
      await eventually(async () => (await taskResult(person, 'Find a jacket')).includes('SEQ 5/7'), `SEQ 5/7 in ${label}'s task list`);
    }

    // SUS: a missing statement is named; then all ten, 4 on odd items and 2 on even ones (score 75).
    await page.getByText('Record the SUS answers given aloud').click();
    const sus = page.getByRole('form', { name: 'SUS answers given aloud' });
    await sus.getByRole('button', { name: 'Save SUS answers' }).click();
    await sus.getByRole('alert').filter({ hasText: 'Statement 1 has no answer yet.' }).waitFor();
    // The message sits in statement 1, where focus goes, not under statement 10.
    assert.match(await sus.getByRole('alert').evaluate((e) => e.closest('.sus-item')?.querySelector('legend')?.textContent ?? ''), /^1\. /);
    assert.equal(await page.locator('#sus-aloud-1-1').getAttribute('aria-describedby'), 'sus-aloud-error');
    // Keys 1–5 answer the statement in focus and move on to the next.
    await page.locator('#sus-aloud-1-1').focus();
    for (let i = 1; i <= 10; i++) await page.keyboard.press(i % 2 ? '4' : '2');
    for (let i = 1; i <= 10; i++) assert.equal(await page.locator(`#sus-aloud-${i}-${i % 2 ? 4 : 2}`).isChecked(), true, `statement ${i} was answered by its key`);
    await sus.getByRole('alert').waitFor({ state: 'hidden' });
    await expectAccessible(moderator.page, 'the console’s SUS form for answers given aloud');
    await screenshot(page, 'moderator-record-sus-aloud');
    await sus.getByRole('button', { name: 'Save SUS answers' }).click();
    for (const person of [moderator, ada]) await person.page.getByTestId('sus-line').filter({ hasText: 'SUS answered: score 75.0 of 100' }).waitFor();
    assert.equal(await page.getByTestId('sus-aloud').count(), 0, 'the SUS form is gone once answered');
    assert.deepEqual([...moderator.errors, ...ada.errors], []);
  } finally {
    await closeAll(moderator, ada);
  }
});
