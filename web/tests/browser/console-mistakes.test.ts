// A console that survives mistakes, and observers on a phone: each test names what a person would have tripped over.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createSession, ownerCall, sessionEvents } from './support/api.ts';
import { expectAccessible, screenshot, watchErrors } from './support/browser.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { moderateSession } from './support/hub.ts';
import { closeAll, connected, joinTeam, open, waitForNote, writeNote, type Person } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';

const env = useServerAndBrowser();

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/** Checks the page with axe at both sizes the app promises, ending at the desktop size. */
async function accessibleAtBothSizes(page: Page, screen: string): Promise<void> {
  await page.setViewportSize(phone);
  await expectAccessible(page, `${screen} (phone)`);
  await page.setViewportSize(desktop);
  await expectAccessible(page, `${screen} (desktop)`);
}

/** A phone with a touch screen and no mouse: pointer coarse, no hover. */
async function openOnTouchPhone(url: string, label: string): Promise<Person> {
  const context = await withTimeout(env.tb.browser.newContext({ viewport: phone, hasTouch: true, isMobile: true }), 15_000, 'a phone context');
  context.setDefaultTimeout(15_000);
  const page = await withTimeout(context.newPage(), 15_000, `a page for ${label}`);
  const errors = watchErrors(page, label);
  await page.goto(url);
  return { context, page, errors };
}

async function taskRow(page: Page, title: string): Promise<string> {
  return page.getByTestId('summary-tasks').locator('tr', { hasText: title }).innerText({ timeout: 15_000 });
}

test('ending the session while a task runs warns, asks how the task went, and the summary and log never leave it running', { timeout: 240_000 }, async () => {
  const first = await createSession(env.server.url);
  const second = await createSession(env.server.url);
  let moderator: Person | undefined;
  let other: Person | undefined;
  try {
    moderator = await joinTeam(env.tb, first.moderator, 'moderator');
    const page = moderator.page;
    await page.getByRole('button', { name: /Start session/ }).click();
    await page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await page.getByRole('button', { name: /End session/ }).click();

    const dialog = page.getByRole('dialog', { name: 'End the session while a task runs?' });
    await dialog.waitFor();
    assert.match(await dialog.getByTestId('running-task-warning').innerText(), /Task 1, “Find a jacket”, is still running/);
    assert.equal(await dialog.getByRole('radio', { name: /Abandoned/ }).isChecked(), true, 'with no outcome marked, abandoned is the choice offered');
    assert.match(await dialog.innerText(), /your link and the observers’ links keep opening the session’s summary/);
    await screenshot(page, 'end-session-with-running-task');
    await accessibleAtBothSizes(page, 'the End-session dialog with a task running');
    await dialog.getByRole('button', { name: 'End task and session' }).click();

    await page.getByRole('heading', { name: /Session summary/ }).waitFor();
    assert.match(await taskRow(page, 'Find a jacket'), /Abandoned/);
    const events = await sessionEvents(env.server.url, first);
    const ended = events[events.length - 1]!.event as { type: string; runningTask?: { taskId: string; outcome: string } };
    assert.equal(ended.type, 'sessionEnded');
    assert.deepEqual(ended.runningTask, { taskId: 't1', outcome: 'abandoned' }, 'the log records the task’s end with the session’s');
    await accessibleAtBothSizes(page, 'the summary of a session ended with a task running');

    // The outcome the moderator had marked is offered, and ending with it keeps the task's counts.
    other = await joinTeam(env.tb, second.moderator, 'second moderator');
    await other.page.getByRole('button', { name: /Start session/ }).click();
    await other.page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await other.page.getByLabel(/Partial/).check();
    await other.page.getByRole('button', { name: 'One more error' }).click();
    await other.page.getByTestId('errors-count').filter({ hasText: '1' }).waitFor();
    await other.page.getByRole('button', { name: /End session/ }).click();
    const marked = other.page.getByRole('dialog', { name: 'End the session while a task runs?' });
    assert.equal(await marked.getByRole('radio', { name: /Partial/ }).isChecked(), true, 'the outcome marked in the console is chosen');
    await marked.getByRole('button', { name: 'End task and session' }).click();
    await other.page.getByRole('heading', { name: /Session summary/ }).waitFor();
    const row = await taskRow(other.page, 'Find a jacket');
    assert.match(row, /Partial/);
    assert.doesNotMatch(row, /not ended/i);
    assert.deepEqual([...moderator.errors, ...other.errors], []);
  } finally {
    await closeAll(moderator, other);
  }
});

test('the SUS is offered once a task has ended, not from minute 0', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  let moderator: Person | undefined;
  try {
    moderator = await joinTeam(env.tb, links.moderator, 'moderator');
    const page = moderator.page;
    await page.getByRole('button', { name: /Start session/ }).click();
    await page.getByRole('button', { name: /Start task 1: Find a jacket/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Send the SUS/ }).count(), 0, 'no SUS before any task');
    assert.equal(await page.getByText('Record the SUS answers given aloud').count(), 0, 'no SUS form before any task');
    assert.match(await page.getByTestId('sus-line').innerText(), /offered once a task has ended/);
    await accessibleAtBothSizes(page, 'the console before the first task');

    await page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await page.getByLabel(/Success/).check();
    await page.getByRole('button', { name: /End task/ }).click();
    await page.getByRole('button', { name: /Send the SUS/ }).waitFor();
    await page.getByText('Record the SUS answers given aloud').waitFor();
    await accessibleAtBothSizes(page, 'the console once a task has ended');
    assert.deepEqual(moderator.errors, []);
  } finally {
    await closeAll(moderator);
  }
});

test('a moderator scheduled without a name is asked for one, tabs say who is who, and an ended session’s links open the summary without a name form', { timeout: 180_000 }, async () => {
  const links = await createSession(env.server.url);
  // Scheduled without a moderator name, as the sample study's session is.
  const unnamed = await ownerCall<{ id: string }>(env.server.url, 'POST', `/api/studies/${links.studyId}/sessions`, { participantAlias: 'P8' });
  const invite = await ownerCall<{ url: string }>(env.server.url, 'POST', `/api/sessions/${unnamed.id}/invites`, { role: 'moderator' });
  let maya: Person | undefined;
  let moderator: Person | undefined;
  let late: Person | undefined;
  try {
    maya = await open(env.tb, invite.url, 'unnamed moderator');
    await maya.page.getByRole('heading', { name: 'Join as the moderator' }).waitFor();
    await accessibleAtBothSizes(maya.page, 'the moderator’s name form');
    await maya.page.getByLabel('Your name').fill('Maya');
    await maya.page.getByRole('button', { name: 'Join session' }).click();
    await connected(maya.page);
    assert.match(await maya.page.locator('header').innerText(), /you are Maya, the moderator/);
    assert.equal(await maya.page.title(), 'Moderator · Checkout study · P8 · SessionLab');
    const icon = await maya.page.locator('link[rel=icon]').getAttribute('href');
    assert.match(icon ?? '', /^data:image\/svg\+xml,/, 'the tab has an icon');

    moderator = await joinTeam(env.tb, links.moderator, 'moderator');
    await moderator.page.getByRole('button', { name: /Start session/ }).click();
    await moderator.page.getByRole('button', { name: /End session/ }).click();
    const dialog = moderator.page.getByRole('dialog', { name: 'End the session?' });
    const says = await dialog.innerText();
    assert.match(says, /your link and the observers’ links keep opening the session’s summary/);
    assert.doesNotMatch(says, /invite links stop working/);
    await accessibleAtBothSizes(moderator.page, 'the End-session dialog');
    await dialog.getByRole('button', { name: 'End session' }).click();
    await moderator.page.getByRole('heading', { name: /Session summary/ }).waitFor();

    // An observer opening their link once the session has ended gets the summary, not a name form.
    late = await open(env.tb, links.observer, 'late observer');
    await late.page.getByRole('heading', { name: /Session summary/ }).waitFor();
    assert.equal(await late.page.getByRole('heading', { name: 'Join as an observer' }).count(), 0);
    assert.match(await late.page.title(), /^Summary · Checkout study · P7/);
    await accessibleAtBothSizes(late.page, 'the summary an observer’s link opens');
    assert.deepEqual([...maya.errors, ...moderator.errors, ...late.errors], []);
  } finally {
    await closeAll(maya, moderator, late);
  }
});

test('a #word that is not one of the study’s tags is named as it is typed and on saving, and a quote keeps one pair of quotation marks', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  let ada: Person | undefined;
  try {
    await moderateSession(env.server.url, links.moderator, []);
    ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
    const page = ada.page;
    const hint = page.getByTestId('unknown-tags');
    const box = page.getByTestId('note-input');
    await box.focus();
    await box.pressSequentially('Menu hidden #navigation ', { delay: 2 });
    await hint.filter({ hasText: '#navigation is not one of this study’s tags; it stays as text.' }).waitFor();
    await accessibleAtBothSizes(page, 'the note box naming an unknown tag');
    await box.press('Enter');
    await hint.filter({ hasText: 'Note saved. #navigation is not one of this study’s tags; it stayed as text.' }).waitFor();
    await waitForNote(page, 'Menu hidden #navigation', 'Ada');
    // A palette tag is not named.
    await box.pressSequentially('Lost again #confusion ', { delay: 2 });
    await eventually(async () => (await hint.innerText()) === '', 'the hint to clear for a palette tag');

    await box.fill('');
    await box.pressSequentially('"Where is the basket?"', { delay: 2 });
    await box.press('Alt+q');
    await box.press('Enter');
    const quote = page.locator('[data-testid=timeline] .note-quote .note-text', { hasText: 'Where is the basket?' });
    await quote.waitFor();
    assert.equal(await quote.textContent(), 'Where is the basket?', 'the timeline adds its own quotation marks, so the typed ones go');
    assert.deepEqual(ada.errors, []);
  } finally {
    await closeAll(ada);
  }
});

test('the participant’s SEQ choice survives a reload, and an unanswered SUS statement is said where focus goes', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  const participant = await open(env.tb, links.participant, 'participant');
  try {
    const page = participant.page;
    await page.setViewportSize(phone);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await moderateSession(env.server.url, links.moderator, [], async (call) => {
      await call('StartTask', { commandId: randomUUID(), taskId: 't1' });
      await call('EndTask', { commandId: randomUUID(), taskId: 't1', outcome: 'success', errors: 0, assists: 0, comment: null });
      await call('AskQuestionnaire', { commandId: randomUUID(), kind: 'seq', taskId: 't1' });
    });
    const seq = page.getByTestId('seq-form');
    await seq.getByRole('radio', { name: /^5/ }).check();
    await seq.getByLabel(/Anything you would like to add/).fill('The filters helped');
    await page.reload();
    await seq.waitFor();
    assert.equal(await seq.getByRole('radio', { name: /^5/ }).isChecked(), true, 'the choice is still there after a reload');
    assert.equal(await seq.getByLabel(/Anything you would like to add/).inputValue(), 'The filters helped');
    await accessibleAtBothSizes(page, 'the participant’s SEQ after a reload');
    await seq.getByRole('button', { name: 'Send answer' }).click();

    await moderateSession(env.server.url, links.moderator, [], (call) => call('AskQuestionnaire', { commandId: randomUUID(), kind: 'sus', taskId: null }));
    const sus = page.getByTestId('sus-form');
    await sus.waitFor();
    await page.setViewportSize(phone);
    for (let i = 1; i <= 3; i++) await page.locator(`#sus-${i}-3`).check();
    await sus.getByRole('button', { name: 'Send answers' }).click();
    const error = sus.getByTestId('sus-error');
    await error.filter({ hasText: 'Statement 4 has no answer yet.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sus-4-1', 'focus goes to statement 4');
    assert.equal(await error.evaluate((e) => e.closest('.sus-item')?.getAttribute('data-item')), '4', 'the message is in statement 4, where focus is');
    assert.equal(await page.locator('#sus-4-1').getAttribute('aria-describedby'), 'sus-error', 'the focused option points to the message');
    const [errorTop, focusTop] = [await error.boundingBox(), await page.locator('#sus-4-1').boundingBox()];
    assert.ok(errorTop && focusTop && Math.abs(errorTop.y - focusTop.y) < phone.height / 2, 'the message is on screen beside the focused option');
    await screenshot(page, 'participant-sus-missing-phone');
    await accessibleAtBothSizes(page, 'the participant’s SUS naming a missing answer');
    assert.deepEqual(participant.errors, []);
  } finally {
    await closeAll(participant);
  }
});

test('on a touch phone an observer’s note box comes first and tag chips show no key hints; with a keyboard they do', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  let onPhone: Person | undefined;
  let atDesk: Person | undefined;
  try {
    await moderateSession(env.server.url, links.moderator, []);
    onPhone = await openOnTouchPhone(links.observer, 'observer on a phone');
    await onPhone.page.getByRole('heading', { name: 'Join as an observer' }).waitFor();
    await onPhone.page.getByLabel('Your name').fill('Pat');
    await onPhone.page.getByRole('button', { name: 'Join session' }).click();
    await connected(onPhone.page);
    const page = onPhone.page;
    const box = await page.getByTestId('note-input').boundingBox();
    const now = await page.getByRole('heading', { name: 'Now', exact: true }).boundingBox();
    assert.ok(box && now, 'the note box and the Now panel are laid out');
    assert.ok(box.y + box.height < phone.height, `the note box is on the first screen (at ${Math.round(box.y)} px)`);
    assert.ok(box.y < now.y, 'the note box comes before the Now panel');
    assert.equal(await page.locator('.palette-tag kbd').first().isVisible(), false, 'no Alt+ hints on a touch screen');
    assert.equal(await page.locator('.kinds kbd').first().isVisible(), false, 'no Alt+ hints for kinds on a touch screen');
    await writeNote(page, 'Scrolled past the price');
    await waitForNote(page, 'Scrolled past the price', 'Pat');
    await screenshot(page, 'observer-phone');
    await expectAccessible(page, 'the observer’s screen on a touch phone');

    atDesk = await joinTeam(env.tb, links.observer, 'observer at a desk', 'Dee');
    await atDesk.page.setViewportSize(desktop);
    assert.equal(await atDesk.page.locator('.palette-tag kbd').first().isVisible(), true, 'Alt+ hints with a keyboard and mouse');
    await accessibleAtBothSizes(atDesk.page, 'the observer’s screen with a keyboard');
    assert.deepEqual([...onPhone.errors, ...atDesk.errors], []);
  } finally {
    await closeAll(onPhone, atDesk);
  }
});

test('a moderator adds an unknown #word to the study’s tags on the spot, and the next note carries it as a tag', { timeout: 150_000 }, async () => {
  const links = await createSession(env.server.url);
  let moderator: Person | undefined;
  try {
    await moderateSession(env.server.url, links.moderator, []);
    moderator = await joinTeam(env.tb, links.moderator, 'moderator');
    const page = moderator.page;
    const box = page.getByTestId('note-input');
    await box.focus();
    await box.pressSequentially('Asks what shipping costs #pricing ', { delay: 2 });
    const add = page.getByRole('button', { name: 'Add #pricing to the palette' });
    await add.waitFor();
    await accessibleAtBothSizes(page, 'the console offering to add a tag');
    await add.press('Enter');
    await eventually(async () => (await page.evaluate(() => (window as unknown as { announced?: string[] }).announced ?? [])).some((line) => line.includes('#pricing is now one of this study’s tags.')),
      'the page to announce the new tag');
    await eventually(async () => !(await page.getByTestId('unknown-tags').innerText()).includes('#pricing'), 'the hint about #pricing to go');

    // The study has it for good, as a new version, and the note being typed now carries it.
    const study = await ownerCall<{ tags: { name: string }[] }>(env.server.url, 'GET', `/api/studies/${links.studyId}`);
    assert.ok(study.tags.some((t) => t.name === 'pricing'), JSON.stringify(study.tags));
    await box.press('Enter');
    let tags: unknown = null;
    await eventually(async () => {
      const note = (await sessionEvents(env.server.url, links)).find((e) => e.event.type === 'noteAdded' && String(e.event.text).startsWith('Asks what shipping costs'));
      tags = (note?.event as { tags?: string[] } | undefined)?.tags ?? null;
      return tags !== null;
    }, 'the note to be saved');
    assert.deepEqual(tags, ['pricing']);
    assert.deepEqual(moderator.errors, []);
  } finally {
    await closeAll(moderator);
  }
});
