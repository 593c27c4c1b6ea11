import { after, before } from 'node:test';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

export interface BrowserTestEnvironment {
  readonly server: TestServer;
  readonly tb: TestBrowser;
}

/**
 * One real server (on a fresh data folder, with any extra arguments) and one Chromium for the tests of a file:
 * started before the first test, both stopped after the last.
 */
export function useServerAndBrowser(serverArgs: string[] = []): BrowserTestEnvironment {
  let server: TestServer | undefined;
  let tb: TestBrowser | undefined;
  before(async () => {
    server = await startServer(serverArgs);
    tb = await launchBrowser();
  });
  after(async () => {
    await tb?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get tb() {
      return tb!;
    },
  };
}
