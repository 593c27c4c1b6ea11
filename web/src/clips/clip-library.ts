import { RecordingApiError, RecordingsClient } from '../recording/RecordingsClient';
import type { Clip, ClipExport, HighlightReel, Recording, RecordingCapabilities } from '../recording/types';

/**
 * Who is looking at the session's recordings: the study owner and the moderator may change them, observers watch,
 * and a viewer (the holder of a view-only link) plays the clips the link opens, nothing more.
 */
export type ClipRole = 'owner' | 'moderator' | 'observer' | 'viewer';

/**
 * One session's recordings as the team's pages see them: which notes a recording shows (so a note gets its
 * "Play clip" control without asking the server per note), the server's capabilities, and the clip calls.
 */
export class ClipLibrary {
  readonly client: RecordingsClient;
  private list: Recording[] = [];
  private signature = '';
  private capabilitiesRequest: Promise<RecordingCapabilities> | null = null;
  private readonly listeners = new Set<() => void>();
  private timer: number | undefined;
  private watching = false;

  constructor(readonly sessionId: string, private readonly token: string | null, readonly role: ClipRole) {
    this.client = new RecordingsClient({ token });
  }

  /** The owner and the moderator upload recordings and keep clip windows; observers and viewers may only try a window. */
  get canEdit(): boolean {
    return this.role === 'owner' || this.role === 'moderator';
  }

  get recordings(): readonly Recording[] {
    return this.list;
  }

  capabilities(): Promise<RecordingCapabilities> {
    this.capabilitiesRequest ??= this.client.capabilities().catch((error: unknown) => {
      this.capabilitiesRequest = null;
      throw error;
    });
    return this.capabilitiesRequest;
  }

  /** The recording the server would cut this moment's clip from: the latest-starting complete one that shows it. */
  recordingAt(clockOffsetMs: number): Recording | undefined {
    return this.list
      .filter((r) => r.status === 'complete' && clockOffsetMs >= r.clockOffsetMs && (r.durationMs === null || clockOffsetMs <= r.clockOffsetMs + r.durationMs))
      .sort((a, b) => b.clockOffsetMs - a.clockOffsetMs || b.createdAt.localeCompare(a.createdAt))[0];
  }

  covers(clockOffsetMs: number): boolean {
    return this.recordingAt(clockOffsetMs) !== undefined;
  }

  /** Reads the recordings again; listeners hear of it only when something changed. Failures keep what was known. */
  async refresh(): Promise<void> {
    let list: Recording[];
    try {
      list = await this.client.list(this.sessionId);
    } catch {
      return;
    }
    const signature = JSON.stringify(list.map((r) => [r.id, r.status, r.clockOffsetMs, r.durationMs]));
    if (signature === this.signature) return;
    this.list = list;
    this.signature = signature;
    for (const listener of this.listeners) listener();
  }

  /**
   * Keeps the list current while a session runs: a recording the moderator finishes becomes playable for everyone
   * within seconds. The hub carries no recording events (media stays off it), and the list is one small read.
   */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    const next = async () => {
      await this.refresh();
      if (!this.watching) return;
      const uploading = this.list.some((r) => r.status === 'uploading');
      this.timer = window.setTimeout(() => void next(), uploading ? 3_000 : 6_000);
    };
    void next();
  }

  stopWatching(): void {
    this.watching = false;
    window.clearTimeout(this.timer);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clip(noteId: string, window?: { beforeSeconds: number; afterSeconds: number }): Promise<Clip> {
    return this.client.noteClip(this.sessionId, noteId, window ?? {});
  }

  saveWindow(noteId: string, beforeSeconds: number, afterSeconds: number): Promise<Clip> {
    return this.client.setClipWindow(this.sessionId, noteId, beforeSeconds, afterSeconds);
  }

  exportClip(noteId: string, window?: { beforeSeconds: number; afterSeconds: number }): Promise<ClipExport> {
    return this.client.exportClip(this.sessionId, noteId, window ?? {});
  }

  reel(tag: string): Promise<HighlightReel> {
    return this.client.highlightReel(this.sessionId, tag);
  }

  /**
   * The clip page's address: it carries no token, so it is safe to paste into a report. A viewer's carries their
   * view-only link, which is all that opens the clip for them and for whoever they pass it to.
   */
  clipUrl(noteId: string): string {
    const url = `${location.origin}/clip/${encodeURIComponent(this.sessionId)}/${encodeURIComponent(noteId)}`;
    return this.role === 'viewer' && this.token ? `${url}#${this.token}` : url;
  }
}

/** A recordings refusal or failure as a sentence a person can act on. */
export function describeRecordingError(error: unknown): string {
  if (error instanceof RecordingApiError) {
    switch (error.code) {
      case 'noRecordingCoversNote':
        return 'No finished recording shows this moment.';
      case 'recordingNotComplete':
        return 'The recording is still uploading; its clips play once it is complete.';
      case 'ffmpegUnavailable':
        return `MP4 export is not available on this server: ${error.message}`;
      case 'storageUnavailable':
        return 'The recording store did not answer. Try again in a moment.';
      default:
        if (error.status === 401 || error.status === 403) return `Your link does not allow this: ${error.message}`;
        return error.message;
    }
  }
  if (error instanceof DOMException && error.name === 'AbortError') return 'Stopped.';
  if (error instanceof TypeError) return 'The server could not be reached. Check the connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
