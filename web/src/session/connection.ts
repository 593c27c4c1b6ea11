import { HttpTransportType, HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { api, ApiError } from '../lib/api';
import type { CommandResult, EventEnvelope, HubResult, ParticipantView, PresenceEntry, SessionJoined } from '../lib/protocol';
import { linkKey, load, save } from '../lib/storage';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Only the handlers a page passes are registered: the participant's page has no way to receive team events. */
export interface SessionHandlers {
  events?: (events: EventEnvelope[]) => void;
  presence?: (people: PresenceEntry[]) => void;
  participantView?: (view: ParticipantView) => void;
}

export interface LiveSessionOptions {
  inviteToken: string;
  handlers: SessionHandlers;
  onState: (state: ConnectionState) => void;
  /** Called after every successful join: the first, and each re-join after a reconnect. */
  onJoined: (joined: SessionJoined, rejoin: boolean) => void;
  /** Called when a re-join after a reconnect is refused (the session ended meanwhile, say). */
  onRejoinRefused: (result: HubResult<SessionJoined>) => void;
  /** The network came back while the hub connection survived: queued work can go now. */
  onOnline: () => void;
}

interface StoredIdentity { identityToken: string; displayName: string; sessionId: string }

const hubPath = '/hubs/session';

/**
 * SignalR's own quick reconnects; after them the connection closes and the page keeps restarting it for as long as it
 * is open (a session can outlast any fixed number of attempts), asking each time whether the link still works.
 */
const retryDelays = [0, 1000, 2000, 5000];

export class LiveSession {
  private readonly connection: HubConnection;
  private readonly identityKey: string;
  private lastApplied = 0;
  private lastViewSequence = -1;
  private displayName: string | undefined;
  private joined = false;
  private stopped = false;
  private restartTimer: number | undefined;
  private stateValue: ConnectionState = 'connecting';
  private joinsInFlight = 0;

  constructor(private readonly options: LiveSessionOptions) {
    this.identityKey = `sessionlab:identity:${linkKey(options.inviteToken)}`;
    this.connection = new HubConnectionBuilder()
      // WebSockets without the negotiate round trip: the connection is one request, so behind a load balancer any
      // node can take it (no sticky sessions), and a reconnect after a node dies simply lands on another.
      // The invite link opens the connection itself (the hub's policy); a signed-in member's cookie rides along.
      .withUrl(`${hubPath}?invite=${encodeURIComponent(options.inviteToken)}`, { transport: HttpTransportType.WebSockets, skipNegotiation: true })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => retryDelays[c.previousRetryCount] ?? null })
      .configureLogging(LogLevel.Warning)
      .build();

    // Handlers before start(): the replay after Join arrives before Join's own answer.
    const { events, presence, participantView } = options.handlers;
    if (events) {
      this.connection.on('Events', (batch: EventEnvelope[]) => {
        const fresh = batch.filter((e) => e.sequence > this.lastApplied);
        if (fresh.length === 0) return;
        this.lastApplied = fresh[fresh.length - 1]!.sequence;
        events(fresh);
      });
    }
    if (presence) this.connection.on('Presence', (people: PresenceEntry[]) => presence(people));
    if (participantView) {
      this.connection.on('ParticipantView', (view: ParticipantView) => {
        if (view.sequence < this.lastViewSequence) return;
        this.lastViewSequence = view.sequence;
        participantView(view);
      });
    }

    this.connection.onreconnecting(() => this.setState('reconnecting'));
    this.connection.onreconnected(() => void this.rejoin());
    this.connection.onclose(() => this.scheduleRestart());
    window.addEventListener('online', this.handleNetworkChange);
    window.addEventListener('offline', this.handleNetworkChange);
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /**
   * True while a Join is waiting for its answer: events that arrive then may be its replay of the past (they come
   * before the answer, whose headSequence says where the replay ends).
   */
  get joining(): boolean {
    return this.joinsInFlight > 0;
  }

  get storedName(): string | undefined {
    return load<StoredIdentity | null>(this.identityKey, null)?.displayName;
  }

  /** Starts the connection and joins. A refused join is returned (the page shows why); a failed connection retries. */
  async start(displayName?: string): Promise<HubResult<SessionJoined>> {
    this.displayName = displayName;
    for (;;) {
      this.setState('connecting');
      try {
        if (this.connection.state === HubConnectionState.Disconnected) await this.connection.start();
        const result = await this.join();
        // Connected either way: a refused join (a name is needed, say) is the page's to explain, not a network state.
        this.setState(navigator.onLine ? 'connected' : 'offline');
        if (result.ok) {
          this.joined = true;
          this.options.onJoined(result.value!, false);
        }
        return result;
      } catch {
        // A refused WebSocket says nothing about why: ask whether the link itself still works.
        const refused = await this.linkRefusal();
        if (refused) return refused;
        this.setState('offline');
        await new Promise((resolve) => setTimeout(resolve, navigator.onLine ? 3000 : 1000));
      }
    }
  }

  /** The server's reason when the invite link no longer opens the session (it expired, say); null when it still works or the server is unreachable. */
  private async linkRefusal(): Promise<HubResult<SessionJoined> | null> {
    try {
      await api('GET', '/api/access', this.options.inviteToken, undefined, { noSignInRedirect: true });
      return null;
    } catch (error) {
      return error instanceof ApiError && (error.status === 401 || error.status === 403)
        ? { ok: false, value: null, error: { code: error.code, message: error.message } }
        : null;
    }
  }

  /** Sends a command. Fails (throws) if the connection is not usable; the caller decides whether to keep it for later. */
  async command(method: string, request: object): Promise<CommandResult> {
    if (!this.canSend) throw new Error('not connected');
    return this.connection.invoke<CommandResult>(method, request);
  }

  /** True when a command can be sent now. The browser's offline flag counts: a blocked socket can look open for a while. */
  get canSend(): boolean {
    return this.joined && navigator.onLine && this.connection.state === HubConnectionState.Connected;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    window.clearTimeout(this.restartTimer);
    window.removeEventListener('online', this.handleNetworkChange);
    window.removeEventListener('offline', this.handleNetworkChange);
    await this.connection.stop();
  }

  private async join(): Promise<HubResult<SessionJoined>> {
    const stored = load<StoredIdentity | null>(this.identityKey, null);
    let result: HubResult<SessionJoined>;
    this.joinsInFlight++;
    try {
      result = await this.connection.invoke<HubResult<SessionJoined>>('Join', {
        displayName: this.displayName ?? stored?.displayName ?? null,
        identityToken: stored?.identityToken ?? null,
        lastSeenSequence: this.lastApplied,
      });
    } finally {
      this.joinsInFlight--;
    }
    if (result.ok && result.value) {
      const { identityToken, you, sessionId } = result.value;
      save(this.identityKey, { identityToken, displayName: you.displayName, sessionId } satisfies StoredIdentity);
    }
    return result;
  }

  private async rejoin(): Promise<void> {
    if (!this.joined) return;
    try {
      const result = await this.join();
      if (!result.ok) {
        this.setState('offline');
        this.options.onRejoinRefused(result);
        return;
      }
      this.setState(navigator.onLine ? 'connected' : 'offline');
      this.options.onJoined(result.value!, true);
    } catch {
      // The connection dropped again; onreconnecting/onclose take it from here.
    }
  }

  private scheduleRestart(): void {
    if (this.stopped || !this.joined) return;
    this.setState('offline');
    window.clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(async () => {
      try {
        await this.connection.start();
        this.setState('reconnecting');
        await this.rejoin();
      } catch {
        const refused = await this.linkRefusal();
        if (refused) {
          this.stopped = true;
          this.options.onRejoinRefused(refused);
          return;
        }
        this.scheduleRestart();
      }
    }, navigator.onLine ? 2000 : 1000);
  }

  private readonly handleNetworkChange = (): void => {
    if (!this.joined) return;
    if (!navigator.onLine) {
      this.setState('offline');
    } else if (this.connection.state === HubConnectionState.Connected) {
      this.setState('connected');
      this.options.onOnline();
    } else if (this.connection.state === HubConnectionState.Reconnecting) {
      this.setState('reconnecting');
    }
  };

  private setState(state: ConnectionState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.options.onState(state);
  }
}
