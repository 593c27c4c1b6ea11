import { after, afterEach, before } from 'node:test';
import { Api } from './api.ts';
import { ServerProcess, type ServerOptions } from './server.ts';
import { Clients } from './team.ts';

export interface ServerFixture {
  readonly server: ServerProcess;
  readonly api: Api;
  readonly clients: Clients;
}

/**
 * One real server process, on a fresh data folder, for the enclosing `describe` block: started before its first test,
 * every client stopped after each test, the process stopped and its data removed at the end.
 */
export function useServer(options: ServerOptions = {}): ServerFixture {
  let server: ServerProcess | undefined;
  let api: Api | undefined;
  const clients = new Clients(() => server!);
  before(async () => {
    server = await ServerProcess.start(options);
    api = new Api(server.url);
  });
  afterEach(() => clients.stopAll());
  after(async () => {
    await server?.stop();
    server?.removeData();
  });
  return {
    get server() {
      return server!;
    },
    get api() {
      return api!;
    },
    clients,
  };
}
