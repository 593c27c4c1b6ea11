import { after, before } from 'node:test';
import { startAzurite, type TestAzurite } from './azurite.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startServer, type ServerOptions, type TestServer } from './server.ts';

export interface BrowserTestEnvironment {
  readonly server: TestServer;
  readonly tb: TestBrowser;
}

/** Where the server keeps recordings: its local folder (the embedded default), or Azure Blob Storage (Azurite). */
export type RecordingStore = 'local disk' | 'Azure Blob Storage';

export const recordingStores: readonly RecordingStore[] = ['local disk', 'Azure Blob Storage'];

/**
 * One real server (on a fresh data folder, with any extra arguments) and one Chromium for the tests of a file (or
 * of a describe block): started before the first test, both stopped after the last. With the Azure store, a fresh
 * Azurite is started first and the server keeps its recordings there.
 */
export function useServerAndBrowser(serverArgs: string[] = [], store: RecordingStore = 'local disk', options: ServerOptions = {}): BrowserTestEnvironment {
  let server: TestServer | undefined;
  let tb: TestBrowser | undefined;
  let azurite: TestAzurite | undefined;
  before(async () => {
    const storeArgs: string[] = [];
    if (store === 'Azure Blob Storage') {
      azurite = await startAzurite();
      storeArgs.push(`--Recordings:ConnectionString=${azurite.connectionString}`);
    }
    server = await startServer([...serverArgs, ...storeArgs], options);
    tb = await launchBrowser();
  });
  after(async () => {
    await tb?.close();
    await server?.stop();
    await azurite?.stop();
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
