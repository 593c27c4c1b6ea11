// Passkeys through the app's own screens, with Chromium's virtual authenticator (the DevTools WebAuthn domain) standing
// in for a phone or a laptop's fingerprint reader: the owner adds a passkey on /account, signs out, signs in with the
// passkey alone, and once the passkey is removed it no longer signs anyone in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ownerCall } from './support/api.ts';
import { expectAccessible, screenshot, watchErrors } from './support/browser.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { testOwner } from './support/server.ts';
import { closeAll, type Person } from './support/session.ts';
import { withTimeout } from './support/timeouts.ts';

describe('passkeys', () => {
  const env = useServerAndBrowser();

  test('the owner adds a passkey, signs in with it alone, and a removed passkey signs nobody in', { timeout: 150_000 }, async () => {
    // WebAuthn refuses IP-address origins: the app is opened by name, as people do.
    const base = env.server.url.replace('//127.0.0.1:', '//localhost:');
    const context = await env.tb.context();
    const page = await withTimeout(context.newPage(), 15_000, 'a page for the owner');
    const owner: Person = { context, page, errors: watchErrors(page, 'owner') };
    try {
      const cdp = await withTimeout(context.newCDPSession(page), 10_000, 'a DevTools session');
      await withTimeout(cdp.send('WebAuthn.enable', { enableUI: false }), 10_000, 'WebAuthn.enable');
      const { authenticatorId } = await withTimeout(cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      }), 10_000, 'a virtual authenticator');

      // Signed in with the password first.
      await page.goto(base + '/sign-in');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
      await page.getByLabel('E-mail').fill(testOwner.email);
      await page.getByLabel('Password').fill(testOwner.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();

      // The account page, from the banner; adding a passkey with the keyboard.
      await page.getByRole('link', { name: 'Your account' }).click();
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      await page.getByText('You have no passkeys yet.').waitFor();
      await expectAccessible(page, 'the account page without passkeys');
      await page.getByLabel('Name for this passkey (optional)').fill('Test laptop');
      await page.getByRole('button', { name: 'Add a passkey' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Passkey “Test laptop” added' }).waitFor();
      const list = page.getByRole('list', { name: 'Your passkeys' });
      await list.getByText('Test laptop').waitFor();
      const held = await withTimeout(cdp.send('WebAuthn.getCredentials', { authenticatorId }), 10_000, 'the authenticator\'s credentials');
      assert.deepEqual(held.credentials.map((c) => c.isResidentCredential), [true], 'the device holds one discoverable passkey');
      await screenshot(page, 'account-passkey-added');
      await expectAccessible(page, 'the account page with a passkey');
      const listed = await ownerCall<{ id: string; name: string }[]>(env.server.url, 'GET', '/api/account/passkeys');
      assert.deepEqual(listed.map((p) => p.name), ['Test laptop']);
      const audit = await ownerCall<{ action: string; target: string }[]>(env.server.url, 'GET', `/api/workspaces/${(await ownerCall<{ workspaces: { id: string }[] }>(env.server.url, 'GET', '/api/account')).workspaces[0]!.id}/audit`);
      assert.ok(audit.some((a) => a.action === 'account.passkey-added' && a.target === 'Test laptop'), 'adding the passkey is in the audit log');

      // Signed out, then in again with the passkey only: nothing typed.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.goto(base + '/sign-in?next=%2Faccount');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await expectAccessible(page, 'the sign-in page with the passkey button');
      assert.equal(await page.getByLabel('Password').inputValue(), '');
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/account', 'back where the sign-in was asked for');
      assert.match(await page.locator('#banner-account').textContent() ?? '', new RegExp(testOwner.displayName));
      await expectAccessible(page, 'the account page after a passkey sign-in');

      // Removed, the passkey still on the device no longer signs in; the page says so plainly.
      await page.getByRole('button', { name: 'Remove the passkey Test laptop' }).click();
      await page.getByRole('status').filter({ hasText: 'Passkey “Test laptop” removed' }).waitFor();
      await page.getByText('You have no passkeys yet.').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Your passkey was not recognised' });
      await status.waitFor();
      assert.match(await status.textContent() ?? '', /Sign in with your password/);
      assert.equal(new URL(page.url()).pathname, '/sign-in', 'still on the sign-in page');
      await screenshot(page, 'sign-in-passkey-not-recognised');
      await expectAccessible(page, 'the sign-in page after a refused passkey');
      const me = await withTimeout(context.request.get(base + '/api/account'), 10_000, 'GET /api/account');
      assert.equal(me.status(), 401, 'the refused passkey did not sign the browser in');
      assert.deepEqual(owner.errors, []);
    } finally {
      await closeAll(owner);
    }
  });
});
