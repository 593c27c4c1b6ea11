import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebSocketRoute } from 'playwright-core';
import { createSession } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { startServer } from './support/server.ts';
import { closeAll, connected, joinTeam, open, setOffline, writeNote } from './support/session.ts';
import { eventually } from './support/timeouts.ts';
import { useServerAndBrowser } from './support/fixture.ts';

const env = useServerAndBrowser();

test('an altered invite link says the link does not work and what to do', { timeout: 60_000 }, async () => {
  const links = await createSession(env.server.url);
  const person = await open(env.tb, links.observer.slice(0, -4) + 'AAAA', 'observer');
  try {
    await person.page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    assert.match(await person.page.getByRole('alert').textContent() ?? '', /not issued by this server, was altered.*Ask the researcher for a new link/);
    await screenshot(person.page, 'error-bad-link');
    await expectAccessible(person.page, 'the bad link page');
  } finally {
    await closeAll(person);
  }
});

test('an expired invite link says it expired', { timeout: 90_000 }, async () => {
  const shortLived = await startServer(['--Tokens:InviteLifetime=00:00:02']);
  try {
    const links = await createSession(shortLived.url);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const person = await open(env.tb, links.participant, 'participant');
    try {
      await person.page.getByRole('heading', { name: 'This link has expired' }).waitFor();
      assert.match(await person.page.getByRole('alert').textContent() ?? '', /This link expired on .*ask the researcher for a new one/);
    } finally {
      await closeAll(person);
    }
  } finally {
    await shortLived.stop();
  }
});

test('a link that expires during the session says so when the connection drops and comes back, instead of reconnecting for ever', { timeout: 120_000 }, async () => {
  // Links on this server live 20 s: long enough to join, short enough to outlive.
  const shortLived = await startServer(['--Tokens:InviteLifetime=00:00:20']);
  try {
    const links = await createSession(shortLived.url);
    const madeAt = Date.now();
    // The hub's WebSockets pass through the test, so it can cut them as a dropped network would.
    const sockets: WebSocketRoute[] = [];
    const observer = await open(env.tb, links.observer, 'observer', (page) => page.routeWebSocket(/\/hubs\/session/, (socket) => {
      sockets.push(socket);
      socket.connectToServer();
    }));
    try {
      await observer.page.getByLabel('Your name').fill('Esme');
      await observer.page.getByRole('button', { name: 'Join session' }).click();
      await connected(observer.page);
      await observer.page.waitForTimeout(Math.max(0, madeAt + 21_000 - Date.now()));
      for (const socket of sockets) await socket.close({ code: 4000, reason: 'network dropped' });

      const alert = observer.page.getByRole('alert').filter({ hasText: /expired/ });
      await alert.waitFor({ timeout: 60_000 });
      assert.match(await alert.textContent() ?? '', /could not be rejoined: This link expired on .*ask the researcher for a new one/);
      await observer.page.locator('[data-testid=connection][data-state=offline]').waitFor();
      await screenshot(observer.page, 'observer-link-expired-mid-session');
      await expectAccessible(observer.page, 'the observer screen after the link expired');
    } finally {
      await closeAll(observer);
    }
  } finally {
    await shortLived.stop();
  }
});

test('a note that is too long, or typed before the session starts, is refused with the reason and kept in the box', { timeout: 90_000 }, async () => {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
  try {
    await writeNote(ada.page, 'Too early');
    await ada.page.getByText('The session has not started yet: notes can be saved once the moderator starts it.').waitFor();
    assert.equal(await ada.page.getByTestId('note-input').inputValue(), 'Too early');

    await moderator.page.getByRole('button', { name: /Start session/ }).click();
    await ada.page.locator('.badge-live').waitFor();
    const long = 'x'.repeat(2001);
    await ada.page.getByTestId('note-input').fill(long);
    await ada.page.getByTestId('note-input').press('Enter');
    await ada.page.getByText('A note can be at most 2000 characters; this one has 2001. Split it into two notes.').waitFor();
    assert.equal((await ada.page.getByTestId('note-input').inputValue()).length, 2001, 'the text stays in the box');
    await screenshot(ada.page, 'error-note-too-long');
    await expectAccessible(ada.page, 'the note box with an error');
  } finally {
    await closeAll(moderator, ada);
  }
});

test('a note still waiting when the session ends is listed as unsent, and ended links explain themselves', { timeout: 120_000 }, async () => {
  const links = await createSession(env.server.url);
  const moderator = await joinTeam(env.tb, links.moderator, 'moderator');
  const ada = await joinTeam(env.tb, links.observer, 'observer Ada', 'Ada');
  const participant = await open(env.tb, links.participant, 'participant');
  try {
    await moderator.page.getByRole('button', { name: /Start session/ }).click();
    await ada.page.locator('.badge-live').waitFor();
    await writeNote(ada.page, 'Sent before the end');
    await moderator.page.locator('[data-testid=timeline] .note-text', { hasText: 'Sent before the end' }).waitFor();

    await setOffline(ada, true);
    await ada.page.locator('[data-testid=connection][data-state=offline]').waitFor();
    await writeNote(ada.page, 'Typed while the session was ending');
    await moderator.page.getByRole('button', { name: /End session/ }).click();
    await moderator.page.getByRole('button', { name: 'End session', exact: true }).click();
    await moderator.page.getByRole('heading', { name: /Session summary/ }).waitFor();
    await participant.page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await setOffline(ada, false);

    // Ada's page learns the session ended (live, or on re-join) and lists what could not be sent.
    await ada.page.getByRole('heading', { name: /Session summary/ }).waitFor({ timeout: 45_000 });
    await ada.page.getByRole('heading', { name: '1 note could not be sent before the session ended' }).waitFor();
    assert.match(await ada.page.locator('.panel-error').textContent() ?? '', /Typed while the session was ending/);
    assert.match(await ada.page.locator('.summary-notes').textContent() ?? '', /Sent before the end/);
    await screenshot(ada.page, 'summary-with-unsent-note');
    await expectAccessible(ada.page, 'the summary with unsent notes');

    // Opening the links afterwards: the team reads the summary, the participant a clear message.
    const late = await open(env.tb, links.participant, 'participant, late');
    const lateObserver = await open(env.tb, links.observer, 'observer, late');
    try {
      await late.page.getByRole('heading', { name: 'This session has ended' }).waitFor();
      await screenshot(late.page, 'participant-link-after-end');
      await expectAccessible(late.page, 'the participant’s ended-session page');
      // The summary needs no name, so the late observer is not asked for one.
      await eventually(async () => (await lateObserver.page.getByRole('heading', { name: /Session summary/ }).count()) === 1, 'the summary for a late observer');
      assert.equal(await lateObserver.page.getByLabel('Your name').count(), 0, 'no name form before the summary');
    } finally {
      await closeAll(late, lateObserver);
    }
  } finally {
    await closeAll(moderator, ada, participant);
  }
});

test('the skip link moves focus to the content and leaves the link in the address alone', { timeout: 60_000 }, async () => {
  const links = await createSession(env.server.url);
  const person = await joinTeam(env.tb, links.observer, 'observer', 'Ada');
  try {
    const page = person.page;
    const address = page.url();
    await page.getByRole('link', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.equal(page.url(), address);
    await page.getByTestId('note-input').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'This link does not work' }).count(), 0);
  } finally {
    await closeAll(person);
  }
});
