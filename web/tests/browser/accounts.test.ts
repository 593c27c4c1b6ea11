// Team accounts through the app's own screens: the first owner sets the server up from the link it printed, members
// sign in and out with a password, an owner invites a researcher and a viewer by link, and each role sees what it may do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { accessToken, ownerCall } from './support/api.ts';
import { expectAccessible, screenshot, watchErrors } from './support/browser.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { testOwner } from './support/server.ts';
import { closeAll, signIn, type Person } from './support/session.ts';
import { withTimeout } from './support/timeouts.ts';

async function person(env: ReturnType<typeof useServerAndBrowser>, label: string): Promise<Person> {
  const context = await env.tb.context();
  const page = await withTimeout(context.newPage(), 15_000, `a page for ${label}`);
  return { context, page, errors: watchErrors(page, label) };
}

async function focusedId(page: Page): Promise<string | undefined> {
  return withTimeout(page.evaluate(() => document.activeElement?.id), 10_000, 'the focused element');
}

/** Links to studies on the home page (not the "New study" links). */
function studyLinks(page: Page) {
  return page.locator('main a[href^="/study/"]:not([href^="/study/new"])');
}

describe('first run', () => {
  const env = useServerAndBrowser([], 'local disk', { initialOwner: false });

  test('the first owner sets the server up from the link it printed; the link works only once', { timeout: 120_000 }, async () => {
    const [, token] = await env.server.waitForOutput(/\/setup#(\S+)/, 'the server to print its setup link');
    const setupLink = `${env.server.url}/setup#${token}`;
    const first = await person(env, 'first owner');
    let second: Person | undefined;
    try {
      // Before anyone has an account, the start page points to the printed link.
      await first.page.goto(env.server.url + '/');
      await first.page.getByRole('heading', { name: 'This server is not set up yet' }).waitFor();
      await expectAccessible(first.page, 'the start page of a server not set up');

      await first.page.goto(setupLink);
      await first.page.getByRole('heading', { name: 'Set up SessionLab' }).waitFor();
      assert.equal(await focusedId(first.page), 'setup-email', 'the form starts at the e-mail');
      await first.page.getByRole('button', { name: 'Create the owner account' }).click();
      const summary = first.page.locator('.error-summary');
      await summary.getByRole('link', { name: 'Enter an e-mail address, such as name@example.com.' }).waitFor();
      await summary.getByText('The two passwords are not the same.').or(summary.getByText(/at least 10 characters/)).first().waitFor();
      await screenshot(first.page, 'setup-errors');
      await expectAccessible(first.page, 'the setup form with errors');

      await first.page.getByLabel('Your e-mail').fill('first@example.test');
      await first.page.getByLabel('Your name').fill('Fay First');
      await first.page.getByLabel('Password', { exact: true }).fill('first-owner-password');
      await first.page.getByLabel('Password again').fill('first-owner-password');
      await first.page.getByRole('button', { name: 'Create the owner account' }).click();
      await first.page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();
      assert.equal(new URL(first.page.url()).pathname, '/');
      // The sample study waits in the new owner's workspace.
      await studyLinks(first.page).first().waitFor();
      assert.match(await first.page.locator('#banner-account').textContent() ?? '', /Fay First/);
      await screenshot(first.page, 'home-after-setup');
      await expectAccessible(first.page, 'the start page after setup');

      // Nobody else can claim the server with the same link.
      second = await person(env, 'second claimant');
      await second.page.goto(setupLink);
      await second.page.getByLabel('Your e-mail').fill('second@example.test');
      await second.page.getByLabel('Your name').fill('Sid Second');
      await second.page.getByLabel('Password', { exact: true }).fill('second-owner-password');
      await second.page.getByLabel('Password again').fill('second-owner-password');
      await second.page.getByRole('button', { name: 'Create the owner account' }).click();
      await second.page.getByRole('heading', { name: 'This server is already set up' }).waitFor();
      assert.equal(new URL(second.page.url()).pathname, '/setup');
      await expectAccessible(second.page, 'the setup form refused');
      assert.deepEqual([...first.errors, ...second.errors], []);
    } finally {
      await closeAll(first, second);
    }
  });
});

describe('members', () => {
  const env = useServerAndBrowser();

  test('a member signs in with a password, is told plainly when it is wrong, and signs out', { timeout: 90_000 }, async () => {
    const member = await person(env, 'owner');
    const { page } = member;
    try {
      await page.goto(env.server.url + '/');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/sign-in?next=%2F');
      await expectAccessible(page, 'the sign-in page');

      await page.getByLabel('E-mail').fill(testOwner.email);
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const alert = page.locator('.error-summary');
      await alert.getByRole('heading', { name: 'You could not be signed in' }).waitFor();
      assert.match(await alert.textContent() ?? '', /Check the e-mail address and the password/);
      assert.equal(await page.getByLabel('Password').inputValue(), '', 'the wrong password is cleared');
      await screenshot(page, 'sign-in-failed');
      await expectAccessible(page, 'the sign-in page after a wrong password');

      await page.getByLabel('Password').fill(testOwner.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();
      assert.match(await page.locator('#banner-account').textContent() ?? '', new RegExp(testOwner.displayName));
      await expectAccessible(page, 'the start page signed in');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.goto(env.server.url + '/');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.deepEqual(member.errors, []);
    } finally {
      await closeAll(member);
    }
  });

  test('the owner invites a researcher by link, who makes an account and creates a study', { timeout: 120_000 }, async () => {
    const owner = await person(env, 'owner');
    let researcher: Person | undefined;
    try {
      await signIn(owner.context, env.server.url);
      await owner.page.goto(env.server.url + '/');
      await owner.page.getByRole('link', { name: 'Members and invitations' }).first().click();
      await owner.page.getByRole('heading', { name: 'Members', exact: true }).waitFor();
      await owner.page.getByTestId('members').getByText(testOwner.email).waitFor();
      await owner.page.getByLabel('Role', { exact: true }).selectOption('researcher');
      await owner.page.getByLabel('E-mail (optional)').fill('rita@example.test');
      await owner.page.getByLabel('Days the link works (1–30)').fill('3');
      await owner.page.getByRole('button', { name: 'Make an invitation link' }).click();
      const linkBox = owner.page.locator('#invite-url');
      await linkBox.waitFor();
      assert.equal(await focusedId(owner.page), 'invite-url', 'the new link takes the focus');
      const link = await linkBox.inputValue();
      assert.match(link, /\/welcome#\S+/);
      await owner.page.getByTestId('status-toast').filter({ hasText: 'Invitation link for a researcher made' }).waitFor();
      await screenshot(owner.page, 'workspace-invite');
      await expectAccessible(owner.page, 'the workspace page with an invitation link');

      researcher = await person(env, 'researcher');
      await researcher.page.goto(`${env.server.url}/welcome#${link.split('#')[1]}`);
      await researcher.page.getByRole('heading', { name: /^Join / }).waitFor();
      assert.match(await researcher.page.locator('main').textContent() ?? '', /Researcher: creates and runs studies/);
      assert.equal(await researcher.page.getByLabel('Your e-mail').inputValue(), 'rita@example.test');
      assert.equal(await researcher.page.getByLabel('Your e-mail').getAttribute('readonly'), '');
      await expectAccessible(researcher.page, 'the invitation page');
      await researcher.page.getByLabel('Your name').fill('Rita Researcher');
      await researcher.page.getByLabel('Password', { exact: true }).fill('rita-research-password');
      await researcher.page.getByLabel('Password again').fill('rita-research-password');
      await researcher.page.getByRole('button', { name: 'Create my account and join' }).click();
      await researcher.page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();
      assert.match(await researcher.page.locator('#banner-account').textContent() ?? '', /Rita Researcher/);
      assert.equal(await researcher.page.getByRole('link', { name: 'Members and invitations' }).count(), 0, 'a researcher does not manage members');

      await researcher.page.getByRole('link', { name: 'New study' }).first().click();
      await researcher.page.getByRole('heading', { name: 'Create a study' }).waitFor();
      await researcher.page.getByLabel('Study name').fill('Rita’s first study');
      await researcher.page.locator('#f-tasks-0-title').fill('Find the price');
      await researcher.page.locator('#f-tasks-0-instructions').fill('Find what the plan costs a year.');
      await researcher.page.getByRole('button', { name: 'Create study' }).click();
      await researcher.page.getByRole('heading', { name: 'Rita’s first study', level: 1 }).waitFor();
      assert.match(researcher.page.url(), /\/study\/[\w-]+$/);

      // The owner sees the new member, and the audit log says what happened.
      await owner.page.reload();
      await owner.page.getByTestId('members').getByText('rita@example.test').waitFor();
      await owner.page.getByTestId('audit').waitFor();
      await expectAccessible(owner.page, 'the workspace page with two members');
      assert.deepEqual([...owner.errors, ...researcher.errors], []);
    } finally {
      await closeAll(owner, researcher);
    }
  });

  test('a viewer reads the studies but is not offered "New study", and a study they try to create is refused plainly', { timeout: 120_000 }, async () => {
    const me = await ownerCall<{ workspaces: { id: string; name: string }[] }>(env.server.url, 'GET', '/api/account');
    const workspace = me.workspaces[0]!;
    await ownerCall(env.server.url, 'POST', `/api/studies?workspaceId=${workspace.id}`, {
      workspaceId: workspace.id, name: 'Study for viewers', goal: '', tags: [],
      tasks: [{ title: 'Look around', instructions: 'Look around the home page.', successCriteria: '' }],
    }, await accessToken(env.server.url));
    const invitation = await ownerCall<{ token: string }>(env.server.url, 'POST', `/api/workspaces/${workspace.id}/invitations`, { role: 'viewer', expiresInDays: 1 });
    const viewer = await person(env, 'viewer');
    try {
      await viewer.page.goto(`${env.server.url}/welcome#${invitation.token}`);
      await viewer.page.getByRole('heading', { name: `Join ${workspace.name}` }).waitFor();
      await viewer.page.getByLabel('Your e-mail').fill('vic@example.test');
      await viewer.page.getByLabel('Your name').fill('Vic Viewer');
      await viewer.page.getByLabel('Password', { exact: true }).fill('vic-viewer-password');
      await viewer.page.getByLabel('Password again').fill('vic-viewer-password');
      await viewer.page.getByRole('button', { name: 'Create my account and join' }).click();
      await viewer.page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();
      await viewer.page.getByRole('link', { name: 'Study for viewers' }).waitFor();
      assert.equal(await viewer.page.getByRole('link', { name: 'New study' }).count(), 0);
      await viewer.page.getByText('You can read this workspace’s studies, reports and clips, but not create studies.').waitFor();
      await screenshot(viewer.page, 'home-viewer');
      await expectAccessible(viewer.page, 'the start page of a viewer');

      await viewer.page.getByRole('link', { name: 'Study for viewers' }).click();
      await viewer.page.getByRole('heading', { name: 'Study for viewers', level: 1 }).waitFor();
      await viewer.page.getByText('Your role in this study’s workspace is viewer').waitFor();
      assert.equal(await viewer.page.getByRole('button', { name: 'Schedule session' }).count(), 0);
      await expectAccessible(viewer.page, 'the study page of a viewer');

      await viewer.page.goto(`${env.server.url}/study/new`);
      await viewer.page.getByRole('heading', { name: 'Create a study' }).waitFor();
      await viewer.page.getByText('Your role is viewer').waitFor();
      await viewer.page.getByLabel('Study name').fill('Not allowed');
      await viewer.page.locator('#f-tasks-0-title').fill('Try');
      await viewer.page.locator('#f-tasks-0-instructions').fill('Try to create.');
      await viewer.page.getByRole('button', { name: 'Create study' }).click();
      const summary = viewer.page.locator('.error-summary');
      await summary.getByRole('heading', { name: 'The study could not be created' }).waitFor();
      assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the refusal takes the focus');
      assert.ok(((await summary.textContent()) ?? '').length > 'The study could not be created'.length + 10, 'the refusal says why');
      assert.match(viewer.page.url(), /\/study\/new$/);
      await screenshot(viewer.page, 'study-new-refused');
      await expectAccessible(viewer.page, 'the new study form refused to a viewer');

      await viewer.page.goto(`${env.server.url}/workspace/${workspace.id}`);
      await viewer.page.getByRole('heading', { name: 'The member list is for owners' }).waitFor();
      assert.deepEqual(viewer.errors, []);
    } finally {
      await closeAll(viewer);
    }
  });
  test('the owner makes a password reset link and changes a role; the member sets a new password and signs in with it', { timeout: 120_000 }, async () => {
    const me = await ownerCall<{ workspaces: { id: string; name: string }[] }>(env.server.url, 'GET', '/api/account');
    const workspace = me.workspaces[0]!;
    const invitation = await ownerCall<{ token: string }>(env.server.url, 'POST', `/api/workspaces/${workspace.id}/invitations`, { role: 'viewer', email: 'pat@example.test', expiresInDays: 1 });
    const owner = await person(env, 'owner');
    const member = await person(env, 'member');
    try {
      const accepted = await member.context.request.post(`${env.server.url}/api/account/invitations/accept`,
        { data: { token: invitation.token, email: 'pat@example.test', displayName: 'Pat Forgetful', password: 'pat-first-password' } });
      assert.equal(accepted.status(), 200, await accepted.text());
      await member.context.clearCookies();

      await signIn(owner.context, env.server.url);
      await owner.page.goto(`${env.server.url}/workspace/${workspace.id}`);
      const row = owner.page.getByTestId('members').locator('tr', { hasText: 'pat@example.test' });
      await row.getByLabel('Role of Pat Forgetful', { exact: true }).selectOption('researcher');
      await row.getByRole('button', { name: 'Save the role of Pat Forgetful' }).click();
      await owner.page.getByTestId('status-toast').filter({ hasText: 'Pat Forgetful is now researcher.' }).waitFor();
      await row.getByRole('button', { name: 'Make a password reset link for Pat Forgetful' }).click();
      const resetBox = owner.page.getByLabel('Password reset link for Pat Forgetful', { exact: true });
      await resetBox.waitFor();
      const resetLink = await resetBox.inputValue();
      assert.match(resetLink, /\/reset#\S+/);
      await expectAccessible(owner.page, 'the workspace page with a reset link');

      await member.page.goto(`${env.server.url}/reset#${resetLink.split('#')[1]}`);
      await member.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await member.page.getByLabel('New password', { exact: true }).fill('pat-second-password');
      await member.page.getByLabel('New password again').fill('pat-second-password');
      await member.page.getByRole('button', { name: 'Save the new password' }).click();
      await member.page.getByRole('link', { name: 'Sign in with it' }).click();
      await member.page.getByLabel('E-mail').fill('pat@example.test');
      await member.page.getByLabel('Password').fill('pat-second-password');
      await member.page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await member.page.getByRole('heading', { name: 'Usability sessions, together' }).waitFor();
      // Now a researcher, Pat may create studies.
      await member.page.getByRole('link', { name: 'New study' }).first().waitFor();
      assert.deepEqual([...owner.errors, ...member.errors], []);
    } finally {
      await closeAll(owner, member);
    }
  });
});
