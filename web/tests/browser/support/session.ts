import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { watchErrors, type TestBrowser } from './browser.ts';
import { testOwner } from './server.ts';
import { eventually, withTimeout } from './timeouts.ts';

export interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Opens a link in a fresh browser context (its own storage, like another person's computer). */
export async function open(tb: TestBrowser, url: string, label: string, prepare?: (page: Page) => void | Promise<unknown>): Promise<Person> {
  const context = await tb.context();
  const page = await withTimeout(context.newPage(), 15_000, `a page for ${label}`);
  const errors = watchErrors(page, label);
  await prepare?.(page);
  await page.goto(url);
  return { context, page, errors };
}

/**
 * Signs the browser context in as a member (the test owner unless told), as the sign-in page does: the server's
 * answer sets the sessionlab.auth cookie in the context, so its pages open as that member.
 */
export async function signIn(context: BrowserContext, server: string, who: { email: string; password: string } = testOwner): Promise<void> {
  const response = await withTimeout(context.request.post(`${server}/api/account/sign-in`, { data: { email: who.email, password: who.password } }), 15_000, 'signing in');
  assert.equal(response.status(), 200, `signing in as ${who.email}: ${await response.text()}`);
}

/** Opens a page of the team's in a fresh browser context signed in as the test owner. */
export async function openSignedIn(tb: TestBrowser, server: string, path: string, label: string, prepare?: (page: Page) => void | Promise<unknown>): Promise<Person> {
  return open(tb, server + path, label, async (page) => {
    await signIn(page.context(), server);
    await prepare?.(page);
  });
}

export async function joinTeam(tb: TestBrowser, url: string, label: string, name?: string, atNameForm?: (page: Page) => Promise<void>): Promise<Person> {
  const person = await open(tb, url, label, (page) => withTimeout(page.context().addInitScript(recordAnnouncements), 10_000, 'the announcement recorder'));
  if (name) {
    await person.page.getByRole('heading', { name: 'Join as an observer' }).waitFor();
    await atNameForm?.(person.page);
    await person.page.getByLabel('Your name').fill(name);
    await person.page.getByRole('button', { name: 'Join session' }).click();
  }
  await connected(person.page);
  return person;
}

export async function connected(page: Page): Promise<void> {
  await page.locator('[data-testid=connection][data-state=connected]').waitFor();
}

/** Types a note as a person would (so the stamp is taken when typing starts) and presses Enter. */
export async function writeNote(page: Page, text: string, keys: string[] = []): Promise<void> {
  const box = page.getByTestId('note-input');
  await box.focus();
  await box.pressSequentially(text, { delay: 2 });
  for (const key of keys) await box.press(key);
  await box.press('Enter');
}

/** How many timeline notes on the page read exactly this text. */
export function countNotes(page: Page, text: string): Promise<number> {
  return withTimeout(page.evaluate((t) => [...document.querySelectorAll('[data-testid=timeline] .note-text')].filter((n) => n.textContent === t).length, text), 10_000, `counting “${text}”`);
}

/** Blocks or restores this person's network, as pulling the cable would. */
export function setOffline(person: Person, offline: boolean): Promise<void> {
  return withTimeout(person.context.setOffline(offline), 10_000, `the network to go ${offline ? 'off' : 'on'}`);
}

export async function waitForNote(page: Page, text: string, label: string): Promise<void> {
  await eventually(async () => (await countNotes(page, text)) > 0, `“${text}” in ${label}'s timeline`);
}

export async function closeAll(...people: (Person | undefined)[]): Promise<void> {
  for (const p of people) if (p) await withTimeout(p.context.close(), 15_000, 'a browser context to close').catch(() => undefined);
}

/** In the page, from its first script on (each page of the context, reloads included): every line the session announcer adds. */
function recordAnnouncements(): void {
  const log: string[] = [];
  (window as unknown as { announced: string[] }).announced = log;
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node instanceof HTMLElement && node.parentElement?.dataset.testid === 'session-announcer') log.push(node.textContent ?? '');
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Waits until the team page has announced as many lines as expected, then checks they are exactly those, in order. */
export async function expectAnnounced(page: Page, expected: string[], label: string): Promise<void> {
  const read = () => withTimeout(page.evaluate(() => (window as unknown as { announced?: string[] }).announced ?? []), 10_000, `${label}'s announcements`);
  const heard = await eventually(async () => { const lines = await read(); return lines.length >= expected.length ? lines : null; }, `${expected.length} announcements in ${label}'s page`)
    .catch(async (error: Error) => { throw new Error(`${error.message}; heard ${JSON.stringify(await read())}`); });
  assert.deepEqual(heard, expected, `what ${label}'s page announced`);
}

/** From now on, the element's text after each rewrite (one entry per rewrite, even to the same words). */
export async function watchRewrites(page: Page, selector: string): Promise<() => Promise<string[]>> {
  const key = `rewrites:${selector}`;
  await withTimeout(page.evaluate(([selector, key]) => {
    const element = document.querySelector(selector)!;
    const log: string[] = [];
    (window as unknown as Record<string, string[]>)[key] = log;
    new MutationObserver((records) => records.forEach(() => log.push(element.textContent ?? ''))).observe(element, { childList: true, characterData: true, subtree: true });
  }, [selector, key] as const), 10_000, `watching ${selector}`);
  return () => withTimeout(page.evaluate((key) => (window as unknown as Record<string, string[]>)[key]!, key), 10_000, `the rewrites of ${selector}`);
}
