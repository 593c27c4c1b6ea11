import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession, sessionEvents } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { closeAll, connected, countNotes, expectAnnounced, joinTeam, open, waitForNote, watchRewrites, writeNote } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

/** The moderator, two observers and the participant, each in their own browser context; the participant's frames recorded. */
async function everyone(atScreens = false) {
  const links = await createSession(env.server.url);
  const frames: string[] = [];
  const participantRequests: string[] = [];
  const participant = await open(env.tb, links.participant, 'participant', (page) => {
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
    page.on('request', (r) => participantRequests.push(r.url()));
  });
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada', async (page) => {
    if (!atScreens) return;
    await screenshot(page, 'observer-name-form');
    await expectAccessible(page, 'the observer’s name form');
  });
  const ben = await joinTeam(env.tb, links.observer, 'observer Ben', 'Ben');
  await participant.page.getByRole('heading', { name: 'Welcome' }).waitFor();
  if (atScreens) {
    await screenshot(participant.page, 'participant-welcome');
    await expectAccessible(participant.page, 'the participant’s welcome');
    await screenshot(moderator.page, 'moderator-console-scheduled');
    await expectAccessible(moderator.page, 'the moderator console before the session starts');
  }
  return { links, moderator, ada, ben, participant, frames, participantRequests };
}

test('an observer’s tagged note reaches the other observer and the moderator, and never the participant', { timeout: 180_000 }, async () => {
  const s = await everyone(true);
  try {
    // Joining from the name form puts focus in the note box, not on the page.
    for (const [person, label] of [[s.ada, 'Ada'], [s.ben, 'Ben']] as const) {
      await eventually(() => person.page.evaluate(() => document.activeElement?.id === 'note-text'), `focus in ${label}'s note box after joining`);
    }
    await s.moderator.page.getByRole('button', { name: /Start session/ }).click();
    await s.moderator.page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await s.participant.page.getByRole('heading', { name: 'Find a jacket' }).waitFor();

    // #confusion typed inline, #bug by its palette hotkey.
    await writeNote(s.ada.page, 'Missed the promo field #confusion', ['Alt+2']);
    const text = 'Missed the promo field';
    for (const [person, label] of [[s.ben, 'Ben'], [s.moderator, 'the moderator'], [s.ada, 'Ada']] as const) {
      await waitForNote(person.page, text, label);
      const note = person.page.locator('[data-testid=timeline] .note', { hasText: text });
      assert.equal(await note.locator('.tag').allTextContents().then((t) => t.join(' ')), '#confusion #bug', `tags in ${label}'s timeline`);
      assert.match(await note.locator('.note-author').textContent() ?? '', /Ada/);
      assert.match(await note.locator('.note-task').textContent() ?? '', /Task 1: Find a jacket/);
    }
    // Let any stray delivery arrive before checking what the participant received.
    await s.participant.page.waitForTimeout(1000);
    const participantText = await withTimeout(s.participant.page.evaluate(() => document.documentElement.outerHTML), 10_000, 'the participant page’s HTML');
    for (const secret of [text, 'confusion', '#bug', 'Ada', 'Ben', 'SECRET-CRITERIA']) {
      assert.ok(!participantText.includes(secret), `the participant's page holds “${secret}”`);
      assert.ok(!s.frames.some((f) => f.includes(secret)), `a frame the participant received holds “${secret}”`);
    }
    assert.ok(s.frames.some((f) => f.includes('Find a jacket')), 'the participant received the task (frames were recorded)');
    assert.ok(!s.frames.some((f) => /"target":"(Events|Presence)"/.test(f)), 'the participant received team events or presence');
    assert.ok(!s.participantRequests.some((u) => /\/api\/(sessions|studies)/.test(u)), 'the participant page called a team API');

    await screenshot(s.ada.page, 'observer-notes');
    await screenshot(s.moderator.page, 'moderator-console-task-running');
    await screenshot(s.participant.page, 'participant-task');
    await expectAccessible(s.ada.page, 'the observer’s note-taking screen');
    await expectAccessible(s.moderator.page, 'the moderator console');
    await expectAccessible(s.participant.page, 'the participant’s task view');

    // Escape leaves the note box for the newest note, with a visible focus ring.
    await s.ada.page.getByTestId('note-input').press('Escape');
    const focusOnNewest = () => s.ada.page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      return { note: focused?.matches('[data-testid=timeline] > .note') ? focused.querySelector('.note-text')?.textContent : null,
        ring: focused?.matches(':focus-visible') ? getComputedStyle(focused).outlineStyle : 'none' };
    });
    assert.deepEqual(await focusOnNewest(), { note: text, ring: 'solid' });
    await screenshot(s.ada.page, 'observer-note-box-left');
    // ? lists every shortcut.
    await s.ada.page.keyboard.press('?');
    await s.ada.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(s.ada.page, 'observer-shortcuts-dialog');
    await expectAccessible(s.ada.page, 'the shortcuts dialog');
    await s.ada.page.keyboard.press('Escape');
    await s.ada.page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.deepEqual(await focusOnNewest(), { note: text, ring: 'solid' }, 'closing the list returns focus to the note');

    // The timeline filters by tag and author.
    await writeNote(s.ben.page, 'Smiled at the jacket photos #delight');
    await waitForNote(s.moderator.page, 'Smiled at the jacket photos', 'the moderator');
    await s.moderator.page.getByLabel('Tag', { exact: true }).selectOption('delight');
    assert.equal(await s.moderator.page.locator('[data-testid=timeline] .note:not([hidden])').count(), 1);
    await s.moderator.page.getByLabel('Tag', { exact: true }).selectOption('');
    await s.moderator.page.getByLabel('Author').selectOption({ label: 'Ada' });
    assert.deepEqual(await s.moderator.page.locator('[data-testid=timeline] .note:not([hidden]) .note-text').allTextContents(), [text]);

    for (const p of [s.moderator, s.ada, s.ben, s.participant]) assert.deepEqual(p.errors, []);
  } finally {
    await closeAll(s.moderator, s.ada, s.ben, s.participant);
  }
});

test('the moderator runs a task to completion, the participant answers SEQ and SUS, and the team sees the results and summary', { timeout: 180_000 }, async () => {
  const s = await everyone();
  const mod = s.moderator.page;
  try {
    // Keyboard only: s starts the session, s the next task, x an error, a an assist, 2 partial, e ends the task, q asks the SEQ.
    await mod.locator('body').focus();
    await mod.keyboard.press('Escape');
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('s');
    await mod.getByRole('button', { name: /Start task 1: Find a jacket/ }).waitFor();
    await mod.keyboard.press('s');
    await mod.getByRole('heading', { name: 'Task 1 of 2: Find a jacket' }).waitFor();
    await s.participant.page.getByText('Find a waterproof jacket under €150 and open its page.').waitFor();
    await writeNote(s.ada.page, 'Scrolled past the filters');
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('x');
    await mod.keyboard.press('a');
    await mod.keyboard.press('2');
    await eventually(async () => (await mod.getByTestId('errors-count').textContent()) === '1', 'the error count to read 1');
    assert.equal(await mod.getByTestId('assists-count').textContent(), '1');
    assert.equal(await mod.locator('#outcome-partial').isChecked(), true);
    await screenshot(mod, 'moderator-console-marking');
    await mod.keyboard.press('e');
    await mod.getByRole('button', { name: /Ask the SEQ about “Find a jacket”/ }).waitFor();
    await mod.keyboard.press('q');

    const p = s.participant.page;
    await p.getByTestId('seq-form').waitFor();
    await screenshot(p, 'participant-seq');
    await expectAccessible(s.participant.page, 'the participant’s SEQ form');
    await p.locator('#seq-4').focus();
    await p.keyboard.press('6');
    assert.equal(await p.locator('#seq-6').isChecked(), true, 'the key 6 picks rating 6');
    await p.getByLabel('Anything you would like to add? (optional)').fill('The filters were hidden');
    await p.getByRole('button', { name: 'Send answer' }).click();
    await p.getByRole('heading', { name: 'Please wait' }).waitFor();

    const expected = /Partial · \d+ s · 1 error · 1 assist · SEQ 6\/7/;
    for (const [person, label] of [[s.moderator, 'moderator'], [s.ada, 'Ada'], [s.ben, 'Ben']] as const) {
      await eventually(async () => expected.test(await person.page.locator('[data-testid=task-results] [data-task-id=t1] .task-result').textContent() ?? ''), `the result of task 1 in ${label}'s view`);
    }
    await screenshot(s.ada.page, 'observer-after-task');
    // A reload replays the whole session to Ben's page: none of it is read out again.
    await s.ben.page.reload();
    await connected(s.ben.page);
    await s.ben.page.getByTestId('sus-line').waitFor();

    // SUS at the end, answered from the keyboard: in each statement a digit answers and moves on.
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('u');
    await p.getByTestId('sus-form').waitFor();
    await expectAccessible(s.participant.page, 'the participant’s SUS form');
    await p.locator('#sus-1-1').focus();
    for (const answer of [4, 2, 4, 1, 4, 2, 5, 2, 4, 1]) await p.keyboard.press(String(answer));
    await screenshot(p, 'participant-sus');
    await p.getByRole('button', { name: 'Send answers' }).click();
    // (3+3+3+4+3+3+4+3+3+4) × 2.5 = 82.5
    for (const [person, label] of [[s.moderator, 'moderator'], [s.ben, 'Ben']] as const) {
      await eventually(async () => /score 82\.5 of 100/.test(await person.page.getByTestId('sus-line').textContent() ?? ''), `the SUS score in ${label}'s view`);
    }

    // End the session: Shift+E asks first; the team sees the summary, the participant a thank-you.
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('Shift+E');
    await mod.getByRole('dialog', { name: 'End the session?' }).waitFor();
    await screenshot(mod, 'moderator-end-session-dialog');
    await expectAccessible(s.moderator.page, 'the end-session dialog');
    await mod.getByRole('button', { name: 'End session', exact: true }).click();
    for (const [person, label] of [[s.moderator, 'moderator'], [s.ada, 'Ada'], [s.ben, 'Ben']] as const) {
      await person.page.getByRole('heading', { name: 'Session summary: participant P7' }).waitFor();
      const row = person.page.locator('[data-testid=summary-tasks] tr[data-task-id=t1]');
      assert.match(await row.textContent() ?? '', /Partial.*11.*6/, `the task row in ${label}'s summary`);
      assert.equal(await person.page.getByTestId('sus-score').textContent(), '82.5 of 100');
    }
    assert.ok((await s.ada.page.locator('.summary-notes .note-text').allTextContents()).includes('Scrolled past the filters'));
    await p.getByRole('heading', { name: 'Thank you!' }).waitFor();
    // Everyone on the team page heard what the moderator did and what the participant answered, as it happened.
    const announced = ['The session is live.', 'Task 1, Find a jacket, started.', 'Task 1 ended: partial.', 'SEQ about task 1 sent to the participant.',
      'SEQ about task 1 answered: 6 of 7.', 'SUS sent to the participant.', 'SUS answered: score 82.5 of 100.', 'The session has ended.'];
    await expectAnnounced(mod, announced, 'the moderator');
    await expectAnnounced(s.ada.page, announced, 'Ada');
    await expectAnnounced(s.ben.page, announced.slice(-3), 'Ben, who reloaded');
    await screenshot(s.ada.page, 'session-summary');
    await screenshot(p, 'participant-ended');
    await expectAccessible(s.ada.page, 'the session summary');
    await expectAccessible(s.participant.page, 'the participant’s thank-you page');

    const events = await sessionEvents(env.server.url, s.links);
    assert.deepEqual(events.map((e) => e.event.type).filter((t) => t !== 'noteAdded'),
      ['sessionScheduled', 'sessionStarted', 'taskStarted', 'taskEnded', 'questionnaireRequested', 'seqAnswered', 'questionnaireRequested', 'susAnswered', 'sessionEnded']);
    for (const person of [s.moderator, s.ada, s.ben, s.participant]) assert.deepEqual(person.errors, []);
  } finally {
    await closeAll(s.moderator, s.ada, s.ben, s.participant);
  }
});

test('markup typed into a note is shown as text and never runs', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
  const dialogs: string[] = [];
  for (const page of [moderator.page, ada.page]) page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  try {
    await moderator.page.getByRole('button', { name: /Start session/ }).click();
    const markup = '<img src=x onerror=alert(1)>';
    await writeNote(ada.page, markup);
    for (const [person, label] of [[moderator, 'moderator'], [ada, 'Ada']] as const) {
      await waitForNote(person.page, markup, label);
      assert.equal(await countNotes(person.page, markup), 1);
      assert.equal(await person.page.locator('[data-testid=timeline] img').count(), 0, `an <img> was created in ${label}'s timeline`);
    }
    await moderator.page.waitForTimeout(500);
    assert.deepEqual(dialogs, [], 'an alert ran');
    await screenshot(moderator.page, 'note-markup-as-text');
  } finally {
    await closeAll(moderator, ada);
  }
});

test('a note is stamped with the session clock when typing starts, not when it is saved', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
  try {
    await moderator.page.getByRole('button', { name: /Start session/ }).click();
    await ada.page.locator('.badge-live').waitFor();
    // Both are live regions: the status speaks when the stamp is taken and when the box empties, not on each key;
    // a note sent at once leaves the connection badge silent.
    const statusRewrites = await watchRewrites(ada.page, '#note-status');
    const badgeRewrites = await watchRewrites(ada.page, '[data-testid=connection]');
    const box = ada.page.getByTestId('note-input');
    await box.pressSequentially('Paused on the payment page', { delay: 5 });
    await ada.page.waitForTimeout(3000);
    await box.pressSequentially(' for a long time', { delay: 5 });
    await box.press('Enter');
    await waitForNote(moderator.page, 'Paused on the payment page for a long time', 'the moderator');
    await eventually(async () => (await ada.page.locator('.note-pending').count()) === 0 && await countNotes(ada.page, 'Paused on the payment page for a long time') === 1, 'Ada’s note to be acknowledged');
    const status = await statusRewrites();
    assert.equal(status.length, 2, `the status line was rewritten ${status.length} times: ${JSON.stringify(status)}`);
    assert.match(status[0]!, /^Stamped at \d+:\d\d, when you started typing\.$/);
    assert.equal(status[1], 'The note is stamped with the session time when you start typing.');
    assert.deepEqual(await badgeRewrites(), [], 'the connection badge spoke about a note sent at once');

    const events = await sessionEvents(env.server.url, links);
    const started = Date.parse(events.find((e) => e.event.type === 'sessionStarted')!.recordedAt);
    const note = events.find((e) => e.event.type === 'noteAdded')!;
    const savedAtClock = Date.parse(note.recordedAt) - started;
    assert.ok(savedAtClock - note.event.clockOffsetMs! >= 2500,
      `the note was stamped at ${note.event.clockOffsetMs} ms and saved at ${savedAtClock} ms: the stamp must be when typing started`);
  } finally {
    await closeAll(moderator, ada);
  }
});

test('single-key shortcuts can be turned off in the shortcuts list, by keyboard, and stay off after a reload', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const mod = moderator.page;
  const errors = mod.getByTestId('errors-count');
  try {
    await mod.getByRole('button', { name: /Start session/ }).click();
    await mod.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await mod.getByRole('heading', { name: 'Task 1 of 2: Find a jacket' }).waitFor();

    // On by default: x counts an error.
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('x');
    assert.equal(await errors.textContent(), '1');

    // Turned off in the list ? opens.
    await mod.keyboard.press('?');
    const dialog = mod.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const setting = dialog.getByRole('checkbox', { name: 'Single-key shortcuts' });
    assert.equal(await setting.isChecked(), true, 'on by default');
    assert.equal(await dialog.locator('[data-testid=shortcuts-off]:visible').count(), 0);
    await setting.focus();
    await mod.keyboard.press('Space');
    assert.equal(await setting.isChecked(), false);
    assert.deepEqual(await dialog.locator('section:has([data-testid=shortcuts-off]:visible) h3').allTextContents(),
      ['Anywhere (outside text fields)', 'Moderator (outside text fields)'], 'the list says which keys are off');
    await screenshot(mod, 'moderator-shortcuts-off');
    await expectAccessible(mod, 'the shortcuts dialog with single-key shortcuts off');
    await mod.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Off: x, 2, e and n do nothing, and the console no longer shows or declares those keys.
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    for (const key of ['x', '2', 'e', 'n', 'Shift+X']) await mod.keyboard.press(key);
    await mod.getByRole('button', { name: 'One more error' }).click();
    assert.equal(await errors.textContent(), '2', 'only the button counted');
    assert.equal(await mod.locator('#outcome-partial').isChecked(), false);
    assert.equal(await mod.getByTestId('alerts').textContent(), '', 'e did not try to end the task');
    assert.notEqual(await mod.evaluate(() => document.activeElement?.id), 'note-text', 'n did not move to the note box');
    const endTask = mod.getByRole('button', { name: /End task/ });
    assert.equal(await endTask.locator('kbd').count(), 0);
    assert.equal(await endTask.getAttribute('aria-keyshortcuts'), null);
    assert.equal(await mod.getByTestId('note-input').getAttribute('aria-keyshortcuts'), null);
    // Alt shortcuts in the note box keep working.
    await mod.getByTestId('note-input').focus();
    await mod.getByTestId('note-input').press('Alt+2');
    assert.equal(await mod.getByRole('button', { name: /#bug/ }).getAttribute('aria-pressed'), 'true');
    await mod.getByTestId('note-input').press('Alt+2');

    // The choice is kept: after a reload the keys are still off, until turned on from the banner's button.
    await mod.reload();
    await connected(mod);
    await mod.getByRole('heading', { name: 'Task 1 of 2: Find a jacket' }).waitFor();
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('x');
    await mod.getByRole('button', { name: 'One more error' }).click();
    assert.equal(await errors.textContent(), '3');
    await mod.getByRole('button', { name: /Shortcuts/ }).focus();
    await mod.keyboard.press('Enter');
    assert.equal(await setting.isChecked(), false, 'still off after the reload');
    await setting.check();
    await mod.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('x');
    assert.equal(await errors.textContent(), '4', 'x counts again');
    assert.equal(await endTask.getAttribute('aria-keyshortcuts'), 'E');
    assert.deepEqual(moderator.errors, []);
  } finally {
    await closeAll(moderator);
  }
});

test('on the console, focus follows an outcome chosen by key, a dismissed alert leaves focus on the next action, and the counts change in place', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const mod = moderator.page;
  const focusedId = () => withTimeout(mod.evaluate(() => document.activeElement?.id ?? ''), 10_000, 'the focused element');
  const alerts = mod.getByTestId('alerts');
  try {
    await mod.getByRole('button', { name: /Start session/ }).click();
    await mod.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await mod.getByRole('heading', { name: 'Task 1 of 2: Find a jacket' }).waitFor();

    // e with no outcome: the alert says so and focus goes to the outcomes. Dismiss leaves focus on End task.
    await mod.locator('main').click({ position: { x: 5, y: 5 } });
    await mod.keyboard.press('e');
    await alerts.getByText(/Choose the outcome first/).waitFor();
    assert.equal(await focusedId(), 'outcome-success');
    await alerts.getByRole('button', { name: 'Dismiss this message' }).focus();
    await mod.keyboard.press('Enter');
    assert.equal(await alerts.textContent(), '');
    assert.match(await mod.evaluate(() => document.activeElement?.textContent ?? ''), /^End task/, 'focus is on End task');

    // 3 while Success has focus: Fail is checked and takes focus, and the alert asking for an outcome goes.
    await mod.keyboard.press('e');
    await alerts.getByText(/Choose the outcome first/).waitFor();
    assert.equal(await focusedId(), 'outcome-success');
    await mod.keyboard.press('3');
    assert.equal(await mod.locator('#outcome-fail').isChecked(), true);
    assert.equal(await focusedId(), 'outcome-fail');
    assert.equal(await alerts.textContent(), '', 'the alert went once an outcome was chosen');

    // The counts are live regions: the same elements, with new text, so the new value is read out.
    const errors = mod.getByTestId('errors-count');
    await errors.evaluate((e) => { e.dataset.original = 'yes'; });
    await mod.keyboard.press('x');
    await mod.getByRole('button', { name: 'One more error' }).click();
    await mod.keyboard.press('Shift+X');
    assert.equal(await errors.textContent(), '1');
    assert.equal(await errors.getAttribute('data-original'), 'yes', 'the count’s element was kept');
    assert.equal(await mod.locator('#outcome-fail').isChecked(), true);

    await mod.getByRole('button', { name: /End task/ }).click();
    await mod.getByRole('button', { name: /Ask the SEQ about “Find a jacket”/ }).waitFor();
    assert.match(await mod.locator('[data-testid=task-results] [data-task-id=t1] .task-result').textContent() ?? '', /^Fail · .* · 1 error · 0 assists/);
    assert.deepEqual(moderator.errors, []);
  } finally {
    await closeAll(moderator);
  }
});
