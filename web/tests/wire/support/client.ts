import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  HttpTransportType,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type IHttpConnectionOptions,
  type ILogger,
} from '@microsoft/signalr';
import type {
  CommandResult,
  EventEnvelope,
  HubResult,
  JoinRequest,
  ParticipantView,
  PresenceEntry,
  SessionJoined,
} from './protocol.ts';
import { eventually, within } from './timeouts.ts';

export const HUB_PATH = '/hubs/session';

/** The hub's address for one invite link: the link opens the connection (the hub's policy), as in the browser app. */
export function hubUrl(baseUrl: string, inviteToken: string): string {
  return new URL(`${HUB_PATH}?invite=${encodeURIComponent(inviteToken)}`, baseUrl).toString();
}
const RECORD_SEPARATOR = '\u001e';

interface NodeWebSocket {
  on(event: 'message', listener: (data: unknown) => void): void;
  terminate(): void;
  /** ws' underlying TCP socket. */
  _socket?: { pause(): void };
}
type WebSocketConstructor = new (url: string, protocols?: string | string[], options?: unknown) => NodeWebSocket;

// The WebSocket implementation the SignalR client itself loads under Node (`ws`), resolved from the client's own
// package, so the recording subclass below is exactly what would run without it.
const requireFromTests = createRequire(import.meta.url);
const NodeWs = createRequire(requireFromTests.resolve('@microsoft/signalr'))('ws') as WebSocketConstructor;

/**
 * A WebSocket that also keeps every text frame the server sends. It listens through the EventEmitter API, which
 * the client's own `onmessage` assignment does not replace.
 */
function recordingWebSocket(frames: string[], sockets: NodeWebSocket[]): WebSocketConstructor {
  return class RecordingWebSocket extends NodeWs {
    constructor(url: string, protocols?: string | string[], options?: unknown) {
      super(url, protocols, options);
      sockets.push(this);
      this.on('message', (data) => {
        frames.push(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8'));
      });
    }
  };
}

/** Keeps the client's own log lines instead of printing them; a failing test can show them. */
class CollectingLogger implements ILogger {
  readonly lines: string[] = [];

  log(level: LogLevel, message: string): void {
    this.lines.push(`${LogLevel[level]}: ${message}`);
  }
}

export interface ConnectOptions {
  /** Use SignalR's default negotiation (POST /negotiate, then the best transport) instead of going straight to WebSockets. */
  negotiate?: boolean;
}

/** One SignalR connection to the session hub, made with the official JavaScript client, recording all it receives. */
export class WireClient {
  /** Raw text frames from the server, exactly as they arrived (SignalR JSON records separated by 0x1E). */
  readonly frames: string[] = [];
  /** Every envelope delivered through `Events`, in arrival order (duplicates kept, so tests can see them). */
  readonly events: EventEnvelope[] = [];
  readonly presence: PresenceEntry[][] = [];
  readonly views: ParticipantView[] = [];
  readonly logger = new CollectingLogger();
  readonly connection: HubConnection;
  readonly closed: Promise<Error | undefined>;
  private readonly sockets: NodeWebSocket[] = [];

  private constructor(baseUrl: string, inviteToken: string, options: ConnectOptions) {
    const url = hubUrl(baseUrl, inviteToken);
    // `WebSocket` is the client's own hook for the constructor it uses (marked @internal in its typings).
    const transport: IHttpConnectionOptions & { WebSocket: WebSocketConstructor } = options.negotiate
      ? { WebSocket: recordingWebSocket(this.frames, this.sockets) }
      : { skipNegotiation: true, transport: HttpTransportType.WebSockets, WebSocket: recordingWebSocket(this.frames, this.sockets) };
    this.connection = new HubConnectionBuilder().withUrl(url, transport).configureLogging(this.logger).build();
    // Handlers are registered before start(), so nothing the server sends right after the handshake is dropped.
    this.connection.on('Events', (batch: EventEnvelope[]) => this.events.push(...batch));
    this.connection.on('Presence', (people: PresenceEntry[]) => this.presence.push(people));
    this.connection.on('ParticipantView', (view: ParticipantView) => this.views.push(view));
    this.closed = new Promise((resolve) => this.connection.onclose((error) => resolve(error)));
  }

  /** Opens a connection with a session invite link, as the browser app does; it has not joined yet. */
  static async connect(baseUrl: string, inviteToken: string, options: ConnectOptions = {}): Promise<WireClient> {
    const client = new WireClient(baseUrl, inviteToken, options);
    await within(client.connection.start(), 'the hub connection to start');
    return client;
  }

  /**
   * How the hub answers a connection opened with this token, as the first request of every SignalR client
   * (negotiate) sees it: the status and the problem's code, or 200 and no code when it would open.
   */
  static async doorAnswer(baseUrl: string, inviteToken: string | null, headers: Record<string, string> = {}): Promise<{ status: number; code: string | null }> {
    const url = new URL(`${HUB_PATH}/negotiate?negotiateVersion=1${inviteToken === null ? '' : `&invite=${encodeURIComponent(inviteToken)}`}`, baseUrl);
    const response = await within(fetch(url, { method: 'POST', headers }), 'the hub to answer negotiate');
    const body = await within(response.text(), 'the negotiate answer');
    let code: string | null = null;
    try {
      code = (JSON.parse(body) as { code?: string }).code ?? null;
    } catch {
      // Not a problem body: an opened connection's negotiate answer.
    }
    return { status: response.status, code };
  }

  get state(): HubConnectionState {
    return this.connection.state;
  }

  /** The server-to-client invocations found in the raw frames: `{ target, arguments }`. */
  receivedInvocations(): { target: string; arguments: unknown[] }[] {
    return this.frames
      .flatMap((frame) => frame.split(RECORD_SEPARATOR))
      .filter((record) => record.length > 0)
      .map((record) => JSON.parse(record) as { type?: number; target?: string; arguments?: unknown[] })
      .filter((message) => message.type === 1)
      .map((message) => ({ target: message.target!, arguments: message.arguments ?? [] }));
  }

  /** Sequences received through `Events`, in arrival order. */
  sequences(): number[] {
    return this.events.map((e) => e.sequence);
  }

  async join(request: JoinRequest): Promise<HubResult<SessionJoined>> {
    return within(this.connection.invoke<HubResult<SessionJoined>>('Join', request), 'Join to be answered');
  }

  /** Joins and fails the test unless the server accepted. */
  async joinOk(request: JoinRequest): Promise<SessionJoined> {
    const result = await this.join(request);
    if (!result.ok || !result.value) {
      throw new Error(`Join was refused: ${JSON.stringify(result.error)}`);
    }
    return result.value;
  }

  /** Sends a command and waits (bounded) for its result. */
  async command(method: string, request: object): Promise<CommandResult> {
    return within(this.send(method, request), `${method} to be answered`);
  }

  /** Sends a command without waiting; the server runs one invocation per connection at a time, in order. */
  send(method: string, request: object): Promise<CommandResult> {
    return this.connection.invoke<CommandResult>(method, request);
  }

  /** Waits until an event with this sequence (or a later one) has arrived through `Events`. */
  async waitForSequence(sequence: number, label = `event ${sequence}`): Promise<void> {
    await eventually(() => this.events.some((e) => e.sequence >= sequence), `${label} reaches this client`);
  }

  /** Stops reading from the socket, as a frozen tab or a stalled network would: the server's sends back up. */
  stopReading(): void {
    this.sockets.at(-1)?._socket?.pause();
  }

  /** Cuts the socket without a close handshake, as a dropped network would; the server notices on its own. */
  async drop(): Promise<void> {
    this.sockets.at(-1)?.terminate();
    await within(this.closed, 'the dropped connection to close');
  }

  async stop(): Promise<void> {
    if (this.connection.state !== HubConnectionState.Disconnected) {
      await within(this.connection.stop(), 'the hub connection to stop');
    }
  }
}

export function noteRequest(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    commandId: randomUUID(),
    noteId: randomUUID(),
    clockOffsetMs: 0,
    text,
    tags: [],
    kind: 'observation',
    ...overrides,
  };
}

export function commandId(): string {
  return randomUUID();
}
