// Studies that can be changed: a no-show is marked from the study page and stays marked, a recording is deleted from
// the session summary after the dialog lists exactly what goes, and the study is archived (it leaves the main list
// for "Archived" and takes no new sessions). Run at a laptop's size and a phone's, with axe on every screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addSession, createSession, ownerCall } from './support/api.ts';
import { expectAccessible, screenshot } from './support/browser.ts';
import { useServerAndBrowser } from './support/fixture.ts';
import { uploadRecording } from './support/recordings.ts';
import { closeAll, openSignedIn, type Person } from './support/session.ts';

const env = useServerAndBrowser();

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  describe(`at ${viewport.width}×${viewport.height}`, () => {
    test('a no-show is marked and kept, a recording is deleted after seeing what goes, and the study is archived', { timeout: 150_000 }, async () => {
      const links = await createSession(env.server.url);
      const recorded = await addSession(env.server.url, links, 'P8');
      await ownerCall(env.server.url, 'POST', `/api/sessions/${recorded.sessionId}/end`);
      await uploadRecording(env.server.url, recorded.sessionId, links.accessToken);
      let person: Person | undefined;
      try {
        person = await openSignedIn(env.tb, env.server.url, `/study/${links.studyId}`, 'researcher', (page) => page.setViewportSize(viewport));
        const page = person.page;
        const p7 = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Participant P7' }) });

        // Marked from the keyboard; the card says so, and so does the page after a reload.
        await p7.getByRole('button', { name: 'Mark no-show' }).focus();
        await page.keyboard.press('Enter');
        await p7.locator('.badge').filter({ hasText: 'No-show' }).waitFor();
        await p7.getByText('The participant did not show up; it did not run').waitFor();
        assert.equal(await p7.getByRole('button', { name: 'Mark no-show' }).count(), 0);
        await expectAccessible(page, `study page with a no-show (${viewport.width} px)`);
        await page.reload();
        await p7.locator('.badge').filter({ hasText: 'No-show' }).waitFor();

        // The recording: the dialog lists what goes before anything goes.
        await page.goto(`${env.server.url}/summary/${recorded.sessionId}`);
        await page.getByRole('button', { name: 'Delete recording…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Delete this recording?' });
        await dialog.waitFor();
        const items = await dialog.getByTestId('removal-list').getByRole('listitem').allTextContents();
        assert.equal(items.length, 1);
        assert.match(items[0]!, /^1 recording \(\d+ KB of video\)$/);
        await expectAccessible(page, `recording deletion dialog (${viewport.width} px)`);
        await screenshot(page, `lifecycle-delete-recording-${viewport.width}`);
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep it');
        await dialog.getByRole('button', { name: 'Delete recording' }).click();
        await page.getByText('The recording is deleted. Notes that it showed no longer have a clip.').waitFor();
        await page.getByTestId('recordings-list').getByText(/^No recording yet/).waitFor();
        assert.deepEqual(await ownerCall(env.server.url, 'GET', `/api/sessions/${recorded.sessionId}/recordings`), []);

        // Archived: no new sessions, and listed under "Archived" on the start page.
        await page.goto(`${env.server.url}/study/${links.studyId}`);
        await page.getByRole('button', { name: 'Archive study' }).click();
        await page.getByRole('heading', { name: 'This study is archived' }).waitFor();
        await page.getByText('This study is archived, so it takes no new sessions. Restore it to schedule more.').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Schedule session' }).count(), 0);
        await expectAccessible(page, `archived study (${viewport.width} px)`);
        await page.goto(env.server.url + '/');
        const archived = page.locator('details.archived-studies');
        await archived.getByText(/^Archived \(\d+\)$/).click();
        await archived.getByRole('link').first().waitFor();
        assert.ok((await archived.getByRole('link').allTextContents()).length >= 1);
        await expectAccessible(page, `start page with archived studies (${viewport.width} px)`);
        assert.deepEqual(person.errors, []);
      } finally {
        await closeAll(person);
      }
    });
  });
}
