import { Api, type TestSession } from './api.ts';
import { commandId, WireClient, type ConnectOptions } from './client.ts';
import type { Role, SessionJoined } from './protocol.ts';
import type { ServerProcess } from './server.ts';

/** Every client a test opens, so they are all closed when it ends, pass or fail. */
export class Clients {
  private readonly open: WireClient[] = [];

  constructor(private readonly server: () => ServerProcess) {}

  async connect(inviteToken: string, options: ConnectOptions = {}): Promise<WireClient> {
    const client = await WireClient.connect(this.server().url, inviteToken, options);
    this.open.push(client);
    return client;
  }

  /** Connects and joins with an invite; observers get a display name. */
  async join(inviteToken: string, role: Role, displayName?: string, lastSeenSequence = 0, options: ConnectOptions = {}): Promise<{ client: WireClient; joined: SessionJoined }> {
    const client = await this.connect(inviteToken, options);
    const joined = await client.joinOk({
      displayName: displayName ?? (role === 'observer' ? 'Olive' : undefined),
      lastSeenSequence,
    });
    return { client, joined };
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((c) => c.stop()));
  }
}

export interface LiveSession {
  session: TestSession;
  invites: Record<Role, string>;
  moderator: WireClient;
}

/** A fresh study and session, its three invites, and a moderator who joined and started it. */
export async function startLiveSession(api: Api, clients: Clients, taskCount = 4): Promise<LiveSession> {
  const session = await api.createSession(taskCount);
  const invites = {
    moderator: await api.invite(session, 'moderator'),
    observer: await api.invite(session, 'observer'),
    participant: await api.invite(session, 'participant'),
  };
  const { client: moderator } = await clients.join(invites.moderator, 'moderator', 'Mona');
  const started = await moderator.command('StartSession', { commandId: commandId() });
  if (!started.ok) {
    throw new Error(`StartSession was refused: ${JSON.stringify(started.error)}`);
  }
  return { session, invites, moderator };
}
