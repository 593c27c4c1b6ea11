// Participants often join from a phone: the questionnaires' scales must read as one scale at 390 px.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { createSession } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { moderateSession } from './support/hub.ts';
import { closeAll, open } from './support/session.ts';
import { withTimeout } from './support/timeouts.ts';

const env = useServerAndBrowser();

/** The distinct rows (top offsets) the options of one scale are laid out on. */
async function rows(scale: Locator): Promise<number> {
  const tops = await withTimeout(scale.locator('.scale-option').evaluateAll((options) => options.map((o) => Math.round(o.getBoundingClientRect().top))), 10_000, 'the scale layout');
  return new Set(tops).size;
}

test('on a phone the participant’s SEQ and SUS scales each stay on one row, with no sideways scrolling', { timeout: 90_000 }, async () => {
  const links = await createSession(env.server.url);
  const participant = await open(env.tb, links.participant, 'participant');
  try {
    const page = participant.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await moderateSession(env.server.url, links.moderator, [], async (call) => {
      await call('StartTask', { commandId: randomUUID(), taskId: 't1' });
      await call('EndTask', { commandId: randomUUID(), taskId: 't1', outcome: 'success', errors: 0, assists: 0, comment: null });
      await call('AskQuestionnaire', { commandId: randomUUID(), kind: 'seq', taskId: 't1' });
    });

    const seq = page.getByTestId('seq-form');
    await seq.waitFor();
    assert.equal(await rows(seq.locator('.scale')), 1, 'the seven SEQ options share one row');
    const widths = await withTimeout(page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]), 10_000, 'the page width');
    assert.ok(widths[0]! <= widths[1]!, `the page is ${widths[0]} px wide in a ${widths[1]} px window`);
    await screenshot(page, 'participant-seq-phone');
    await expectAccessible(page, 'the participant’s SEQ on a phone');
    await seq.getByRole('radio', { name: /^6/ }).check();
    await seq.getByRole('button', { name: 'Send answer' }).click();

    await moderateSession(env.server.url, links.moderator, [], (call) => call('AskQuestionnaire', { commandId: randomUUID(), kind: 'sus', taskId: null }));
    const sus = page.getByTestId('sus-form');
    await sus.waitFor();
    const statements = sus.locator('.sus-item');
    assert.equal(await statements.count(), 10);
    for (let i = 0; i < 10; i++) assert.equal(await rows(statements.nth(i)), 1, `statement ${i + 1}'s five options share one row`);
    await screenshot(page, 'participant-sus-phone');
    await expectAccessible(page, 'the participant’s SUS on a phone');
  } finally {
    await closeAll(participant);
  }
});
