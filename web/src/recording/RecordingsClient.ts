import type {
  Clip,
  ClipExport,
  HighlightReel,
  PlaybackLink,
  Recording,
  RecordingCapabilities,
  RecordingKind,
  UploadStatus,
  UploadedChunk,
} from './types';

/** A refusal from the server, carrying its RFC 9457 problem details. */
export class RecordingApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly problem: Record<string, unknown> | null,
  ) {
    super(message);
    this.name = 'RecordingApiError';
  }

  /** Worth sending again: the server or the network had a moment, or the chunk did not arrive whole. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429 || this.code === 'chunkIncomplete';
  }
}

export interface RecordingsClientOptions {
  /** The session's moderator or observer invite token, or a view-only link's; none for the signed-in member (cookie). */
  token?: string | null;
  /** The server's origin; the page's own when omitted. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface CreateRecordingRequest {
  kind: RecordingKind;
  contentType: string;
  /** Session clock (ms) at the recording's first frame, as entered for a finished file. */
  clockOffsetMs?: number;
  /**
   * The instant capture began (ISO 8601, by the server's clock): the server places the recording on the session clock
   * from it, before the session's start if capture began first. Instead of clockOffsetMs; a live capture without
   * either began when the server created it.
   */
  startedAt?: string;
  expectedBytes?: number;
  durationMs?: number;
}

export interface ClipWindowOverride {
  beforeSeconds?: number;
  afterSeconds?: number;
  recordingId?: string;
}

/** The recordings and clips HTTP API, typed. */
export class RecordingsClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RecordingsClientOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  capabilities(signal?: AbortSignal): Promise<RecordingCapabilities> {
    return this.json('GET', '/api/recordings/capabilities', undefined, signal);
  }

  create(sessionId: string, request: CreateRecordingRequest, signal?: AbortSignal): Promise<Recording> {
    return this.json('POST', `${this.session(sessionId)}/recordings`, request, signal);
  }

  list(sessionId: string, signal?: AbortSignal): Promise<Recording[]> {
    return this.json('GET', `${this.session(sessionId)}/recordings`, undefined, signal);
  }

  update(sessionId: string, recordingId: string, change: { clockOffsetMs?: number; durationMs?: number }, signal?: AbortSignal): Promise<Recording> {
    return this.json('PATCH', `${this.recording(sessionId, recordingId)}`, change, signal);
  }

  /** Sends one chunk; the same index sent again replaces it, so a retry is always safe. */
  putChunk(sessionId: string, recordingId: string, index: number, chunk: Blob, signal?: AbortSignal): Promise<UploadedChunk> {
    return this.send('PUT', `${this.recording(sessionId, recordingId)}/chunks/${index}`, chunk, 'application/octet-stream', signal);
  }

  uploadStatus(sessionId: string, recordingId: string, signal?: AbortSignal): Promise<UploadStatus> {
    return this.json('GET', `${this.recording(sessionId, recordingId)}/upload`, undefined, signal);
  }

  complete(sessionId: string, recordingId: string, chunkCount: number, durationMs?: number, signal?: AbortSignal): Promise<Recording> {
    return this.json('POST', `${this.recording(sessionId, recordingId)}/complete`, { chunkCount, durationMs }, signal);
  }

  playback(sessionId: string, recordingId: string, signal?: AbortSignal): Promise<PlaybackLink> {
    return this.json('GET', `${this.recording(sessionId, recordingId)}/playback`, undefined, signal);
  }

  noteClip(sessionId: string, noteId: string, override: ClipWindowOverride = {}, signal?: AbortSignal): Promise<Clip> {
    return this.json('GET', `${this.session(sessionId)}/notes/${encodeURIComponent(noteId)}/clip${query(override)}`, undefined, signal);
  }

  setClipWindow(sessionId: string, noteId: string, beforeSeconds: number, afterSeconds: number, signal?: AbortSignal): Promise<Clip> {
    return this.json('PUT', `${this.session(sessionId)}/notes/${encodeURIComponent(noteId)}/clip`, { beforeSeconds, afterSeconds }, signal);
  }

  exportClip(sessionId: string, noteId: string, override: ClipWindowOverride = {}, signal?: AbortSignal): Promise<ClipExport> {
    return this.json('POST', `${this.session(sessionId)}/notes/${encodeURIComponent(noteId)}/clip/export${query(override)}`, undefined, signal);
  }

  highlightReel(sessionId: string, tag: string, signal?: AbortSignal): Promise<HighlightReel> {
    return this.json('GET', `${this.session(sessionId)}/highlights/${encodeURIComponent(tag)}`, undefined, signal);
  }

  private session(sessionId: string): string {
    return `/api/sessions/${encodeURIComponent(sessionId)}`;
  }

  private recording(sessionId: string, recordingId: string): string {
    return `${this.session(sessionId)}/recordings/${encodeURIComponent(recordingId)}`;
  }

  private json<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json', signal);
  }

  private async send<T>(method: string, path: string, body: BodyInit | undefined, contentType: string, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
    }
    const response = await this.fetchImpl(this.baseUrl + path, { method, headers, body, signal });
    if (!response.ok) {
      throw await toError(response);
    }
    return (await response.json()) as T;
  }
}

function query(override: ClipWindowOverride): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function toError(response: Response): Promise<RecordingApiError> {
  let problem: Record<string, unknown> | null = null;
  try {
    problem = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not a problem document (a proxy's error page, say): the status is all there is.
  }
  const code = typeof problem?.code === 'string' ? problem.code : null;
  const detail = typeof problem?.detail === 'string' ? problem.detail : `${response.status} ${response.statusText}`;
  return new RecordingApiError(response.status, code, detail, problem);
}
