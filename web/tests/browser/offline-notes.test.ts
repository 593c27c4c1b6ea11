import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSession, sessionEvents, type SessionLinks } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { closeAll, connected, countNotes, expectAnnounced, joinTeam, setOffline, waitForNote, writeNote, type Person } from './support/session.ts';
import { eventually, withTimeout } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

async function liveTeam() {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
  const ben = await joinTeam(env.tb, links.observer, 'observer Ben', 'Ben');
  await moderator.page.getByRole('button', { name: /Start session/ }).click();
  await ada.page.locator('.badge-live').waitFor();
  return { links, moderator, ada, ben };
}

async function noteEventsWithText(links: SessionLinks, text: string): Promise<number> {
  return (await sessionEvents(env.server.url, links)).filter((e) => e.event.type === 'noteAdded' && e.event.text === text).length;
}

async function expectEachOnceEverywhere(links: SessionLinks, people: [Person, string][], texts: string[]): Promise<void> {
  for (const text of texts) {
    for (const [person, label] of people) await waitForNote(person.page, text, label);
  }
  // Give a duplicate every chance to show up before counting.
  await people[0]![0].page.waitForTimeout(1500);
  for (const text of texts) {
    for (const [person, label] of people) assert.equal(await countNotes(person.page, text), 1, `“${text}” in ${label}'s timeline`);
    assert.equal(await noteEventsWithText(links, text), 1, `noteAdded events for “${text}” on the server`);
  }
}

test('an observer who goes offline keeps two notes and, back online, each reaches everyone exactly once', { timeout: 180_000 }, async () => {
  const { links, moderator, ada, ben } = await liveTeam();
  try {
    await setOffline(ada, true);
    await ada.page.locator('[data-testid=connection][data-state=offline]').waitFor();
    const texts = ['Offline one: hesitated at delivery', 'Offline two: asked what “express” costs'];
    for (const text of texts) await writeNote(ada.page, text);

    await eventually(async () => /2 notes waiting to send/.test(await ada.page.getByTestId('connection').textContent() ?? ''), 'the badge to count two waiting notes');
    assert.equal(await ada.page.locator('.note-pending').count(), 2, 'both notes show as waiting in Ada’s timeline');
    const stored = await withTimeout(ada.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sessionlab:outbox:')).map((k) => JSON.parse(localStorage.getItem(k)!).length)), 10_000, 'the stored outbox');
    assert.deepEqual(stored, [2], 'both notes are kept in localStorage');
    await screenshot(ada.page, 'observer-offline-with-waiting-notes');
    await expectAccessible(ada.page, 'the observer screen while offline');
    await ben.page.waitForTimeout(1000);
    assert.equal(await countNotes(ben.page, texts[0]!), 0, 'a note typed offline reached Ben while Ada was offline');

    await setOffline(ada, false);
    await connected(ada.page);
    await expectEachOnceEverywhere(links, [[ada, 'Ada'], [ben, 'Ben'], [moderator, 'the moderator']], texts);
    assert.equal(await ada.page.locator('.note-pending').count(), 0);
    await eventually(async () => !/waiting/.test(await ada.page.getByTestId('connection').textContent() ?? ''), 'the badge to stop counting waiting notes');
    for (const p of [moderator, ada, ben]) assert.deepEqual(p.errors, []);
  } finally {
    await closeAll(moderator, ada, ben);
  }
});

test('notes written offline survive a page reload and are sent once when the page comes back', { timeout: 180_000 }, async () => {
  const { links, moderator, ada, ben } = await liveTeam();
  try {
    await setOffline(ada, true);
    await ada.page.locator('[data-testid=connection][data-state=offline]').waitFor();
    const texts = ['Kept across reload: typed the code twice', 'Kept across reload: looked for a help link'];
    for (const text of texts) await writeNote(ada.page, text);
    await eventually(async () => (await ada.page.locator('.note-pending').count()) === 2, 'two waiting notes');

    // The tab goes away while offline; a new one opens the same link once the network is back.
    await withTimeout(ada.page.close(), 10_000, 'the tab to close');
    await setOffline(ada, false);
    ada.page = await withTimeout(ada.context.newPage(), 10_000, 'a new tab');
    ada.page.on('pageerror', (e) => ada.errors.push(e.message));
    await ada.page.goto(links.observer);
    await connected(ada.page);
    assert.match(await ada.page.locator('header').textContent() ?? '', /you are Ada/, 'the reload kept Ada’s identity without asking her name again');

    await expectEachOnceEverywhere(links, [[ada, 'Ada'], [ben, 'Ben'], [moderator, 'the moderator']], texts);
    // Her notes are still hers: the identity token made the new page the same author.
    assert.equal(await ada.page.locator('[data-testid=timeline] .note', { hasText: texts[0]! }).getByRole('button', { name: /Edit note/ }).count(), 1);
    for (const p of [moderator, ada, ben]) assert.deepEqual(p.errors, []);
  } finally {
    await closeAll(moderator, ada, ben);
  }
});

test('after a connection drop the timeline catches up with what was missed, and the queued note is sent once', { timeout: 180_000 }, async () => {
  const { links, moderator, ada, ben } = await liveTeam();
  try {
    let newSockets = 0;
    ada.page.on('websocket', () => newSockets++);
    await setOffline(ada, true);
    await ada.page.locator('[data-testid=connection][data-state=offline]').waitFor();
    await writeNote(ada.page, 'Queued during the outage');
    await writeNote(ben.page, 'Written by Ben while Ada was away #bug');
    await waitForNote(moderator.page, 'Written by Ben while Ada was away', 'the moderator');
    await moderator.page.getByRole('button', { name: /Start task 1: Find a jacket/ }).click();
    await moderator.page.getByRole('heading', { name: 'Task 1 of 2: Find a jacket' }).waitFor();
    // Blocked frames are held, not dropped, until SignalR's 30 s server timeout closes the connection: stay away longer,
    // so Ada's page really reconnects and re-joins with the last sequence it applied.
    await ada.page.waitForTimeout(35_000);
    assert.equal(await countNotes(ada.page, 'Written by Ben while Ada was away'), 0, 'Ada received Ben’s note while offline');

    await setOffline(ada, false);
    await connected(ada.page);
    assert.ok(newSockets >= 1, 'Ada’s page reconnected on a new WebSocket');
    await expectEachOnceEverywhere(links, [[ada, 'Ada'], [ben, 'Ben'], [moderator, 'the moderator']], ['Queued during the outage', 'Written by Ben while Ada was away']);
    // The task started while Ada was away came with the re-join's replay, so it was not announced; what follows is.
    await ada.page.locator('[data-testid=task-results] [data-task-id=t1]').filter({ hasText: 'Running now' }).waitFor();
    await moderator.page.getByLabel(/Success/).check();
    await moderator.page.getByRole('button', { name: /End task/ }).click();
    await expectAnnounced(ada.page, ['The session is live.', 'Task 1 ended: success.'], 'Ada');
    for (const p of [moderator, ada, ben]) assert.deepEqual(p.errors, []);
  } finally {
    await closeAll(moderator, ada, ben);
  }
});

test('an observer edits and deletes their own note and everyone sees it', { timeout: 120_000 }, async () => {
  const { moderator, ada, ben } = await liveTeam();
  try {
    await writeNote(ada.page, 'Typo in the heading #bug');
    await waitForNote(ben.page, 'Typo in the heading', 'Ben');
    assert.equal(await ben.page.locator('[data-testid=timeline] .note', { hasText: 'Typo in the heading' }).getByRole('button', { name: /Edit/ }).count(), 0, 'Ben may not edit Ada’s note');

    // ↑ in the empty note box edits the last note; Enter saves.
    await ada.page.getByTestId('note-input').focus();
    await ada.page.keyboard.press('ArrowUp');
    const editor = ada.page.getByLabel(/Edit your note/);
    await editor.waitFor();
    await editor.fill('Typo in the checkout heading #confusion');
    await screenshot(ada.page, 'observer-editing-note');
    await editor.press('Enter');
    // The note redraws as "Edit waiting to send", without its Edit button: focus goes back to the note box.
    assert.equal(await ada.page.evaluate(() => document.activeElement?.id), 'note-text', 'focus is in the note box after saving the edit');
    for (const [person, label] of [[ben, 'Ben'], [moderator, 'the moderator']] as const) {
      await waitForNote(person.page, 'Typo in the checkout heading', label);
      const note = person.page.locator('[data-testid=timeline] .note', { hasText: 'Typo in the checkout heading' });
      assert.equal(await note.locator('.tag').textContent(), '#confusion');
      assert.equal(await note.locator('.note-flag').textContent(), 'edited');
    }

    const note = ada.page.locator('[data-testid=timeline] .note', { hasText: 'Typo in the checkout heading' });
    await note.getByRole('button', { name: /Delete note/ }).click();
    await note.getByRole('button', { name: 'Confirm delete' }).click();
    for (const [person, label] of [[ben, 'Ben'], [moderator, 'the moderator'], [ada, 'Ada']] as const) {
      await eventually(async () => (await countNotes(person.page, 'Typo in the checkout heading')) === 0, `the deleted note to leave ${label}'s timeline`);
    }
    for (const p of [moderator, ada, ben]) assert.deepEqual(p.errors, []);
  } finally {
    await closeAll(moderator, ada, ben);
  }
});
