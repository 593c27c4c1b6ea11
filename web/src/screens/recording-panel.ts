import { describeRecordingError, type ClipLibrary } from '../clips/clip-library';
import { h, replaceContent } from '../lib/dom';
import { bytes, clock, duration, plural } from '../lib/format';
import { SessionRecorder, captureScreenAndMicrophone } from '../recording/SessionRecorder';
import { InterruptedRecordings } from '../clips/interrupted-recordings';
import type { UploadProgress } from '../recording/types';
import { singleKeyAttr, singleKeyHint } from '../ui/single-key-shortcuts';
import type { TeamContext } from './team-context';

type PanelState = 'idle' | 'asking' | 'recording' | 'stopping' | 'saved' | 'failed' | 'reloaded';

/** The recording this tab is recording, kept per tab across a reload, so the reloaded page can say what happened. */
function recordingKey(sessionId: string): string {
  return `sessionlab:recording-in-progress:${sessionId}`;
}

function recordingInProgress(sessionId: string): string | null {
  try {
    return sessionStorage.getItem(recordingKey(sessionId));
  } catch {
    return null;
  }
}

function keepRecordingInProgress(sessionId: string, recordingId: string | null): void {
  try {
    if (recordingId) sessionStorage.setItem(recordingKey(sessionId), recordingId);
    else sessionStorage.removeItem(recordingKey(sessionId));
  } catch {
    /* Without storage a reload is found by the quiet check instead, a few seconds later. */
  }
}

/**
 * The moderator's recording: the shared screen and the microphone, recorded in the browser and uploaded chunk by
 * chunk while the session runs. The state, the time recorded and what has reached the server are always visible;
 * changes are announced politely, refusals assertively.
 */
export class RecordingPanel {
  readonly element = h('section', { class: 'panel recording-panel', 'aria-labelledby': 'recording-title', 'data-testid': 'recording-panel' });
  /** A reminder in the banner that the screen is being recorded, visible wherever the page is scrolled. */
  readonly badge = h('span', { class: 'rec-badge', hidden: true, 'data-testid': 'recording-badge' });
  private readonly stateLine = h('p', { class: 'rec-state', 'data-testid': 'recording-state' });
  private readonly uploadLine = h('p', { class: 'rec-upload', 'data-testid': 'recording-upload' });
  private readonly bar = h('progress', { id: 'recording-progress', max: '100', value: '0', hidden: true });
  private readonly actions = h('div', { class: 'rec-actions' });
  private readonly live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'recording-announcer' });
  private readonly error = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': 'recording-error' });
  private state: PanelState = 'idle';
  private recorder: SessionRecorder | null = null;
  private stream: MediaStream | null = null;
  private progress: UploadProgress | null = null;
  private startedAt = 0;
  private summary = '';
  /** Recordings this page made; they are never offered as interrupted while it still has them. */
  readonly recordedHere = new Set<string>();
  /** Recordings a reload or a crash left unsaved, offered for saving while the session runs (the summary does it after). */
  private readonly interrupted: InterruptedRecordings;

  constructor(private readonly ctx: TeamContext, private readonly library: ClipLibrary) {
    this.element.append(
      h('h2', { id: 'recording-title' }, 'Recording'),
      h('p', { class: 'muted small', id: 'recording-help' }, 'Records the screen, window or tab you choose to share, with your microphone. It uploads as it goes, so a dropped connection loses nothing.'),
      this.stateLine,
      h('label', { for: 'recording-progress', class: 'visually-hidden' }, 'Recording upload progress'),
      this.bar,
      this.uploadLine,
      this.actions,
      this.error,
      this.live);
    // A recording this tab was making when it was reloaded: the browser ended its capture, so say so at once.
    const reloaded = recordingInProgress(ctx.sessionId);
    this.interrupted = new InterruptedRecordings(library, this.recordedHere, reloaded ? {
      recordingId: reloaded,
      recordAgain: () => void this.start(),
      settled: () => {
        keepRecordingInProgress(ctx.sessionId, null);
        if (this.state === 'reloaded') this.setState('idle', '');
      },
    } : undefined);
    if (reloaded) {
      this.state = 'reloaded';
      this.say('Recording stopped because the page was reloaded.');
    }
    this.actions.after(this.interrupted.element);
    this.render();
  }

  /** Single keys outside text fields: r starts recording, Shift+R stops it. */
  handleKey(e: KeyboardEvent): boolean {
    if (e.key === 'r' && !e.shiftKey && this.canStart) {
      void this.start();
      return true;
    }
    if (e.key === 'R' && e.shiftKey && this.state === 'recording') {
      void this.stop();
      return true;
    }
    return false;
  }

  /** Single-key shortcuts were turned on or off: the button's key hint follows. */
  keyHintsChanged(): void {
    this.renderActions();
  }

  /** Only the time moves each second; the buttons are left alone, so a click is never lost to a rebuild. */
  tick(): void {
    if (this.state === 'recording') this.renderStatus();
  }

  /** Whether the panel has anything to say once the session has ended (a recording saved, stopping or failed). */
  get used(): boolean {
    return this.state !== 'idle';
  }

  /** The session ended: finish the recording, so it is complete by the time anyone opens the summary. */
  sessionEnded(): void {
    this.interrupted.dispose();
    if (this.state === 'recording') void this.stop('The session ended, so the recording stopped.');
    else this.render();
  }

  private get canStart(): boolean {
    return ['idle', 'saved', 'failed', 'reloaded'].includes(this.state) && this.ctx.state.status !== 'ended';
  }

  private async start(): Promise<void> {
    if (!this.canStart) return;
    this.clearError();
    this.setState('asking', 'Choose what to share, and allow the microphone.');
    let stream: MediaStream;
    try {
      stream = await captureScreenAndMicrophone();
    } catch (error) {
      this.fail(describeCaptureError(error));
      return;
    }
    const recorder = new SessionRecorder(stream, {
      client: this.library.client,
      sessionId: this.ctx.sessionId,
      serverNow: () => this.ctx.serverNow(),
      onProgress: (p) => this.progressed(p),
      onError: (error) => this.uploadRefused(error),
    });
    try {
      await recorder.start();
    } catch (error) {
      stream.getTracks().forEach((t) => t.stop());
      this.fail(`The recording could not start: ${describeRecordingError(error)}`);
      return;
    }
    this.stream = stream;
    this.recorder = recorder;
    if (recorder.recording) {
      this.recordedHere.add(recorder.recording.id);
      keepRecordingInProgress(this.ctx.sessionId, recorder.recording.id);
    }
    this.progress = null;
    this.startedAt = performance.now();
    // Stopping the share from the browser's own bar ends the video; recording on would keep only silence and black.
    stream.getVideoTracks()[0]?.addEventListener('ended', () => void this.stop('Screen sharing ended, so the recording stopped.'));
    window.addEventListener('beforeunload', this.warnBeforeLeaving);
    this.setState('recording', 'Recording started.');
    void this.library.refresh();
  }

  private async stop(reason?: string): Promise<void> {
    const recorder = this.recorder;
    if (!recorder || this.state !== 'recording') return;
    this.setState('stopping', reason ? `${reason} Sending the last chunks…` : 'Stopping: sending the last chunks…');
    try {
      const recording = await recorder.stop();
      this.summary = `${duration(recording.durationMs ?? 0)}, ${bytes(recording.bytes ?? 0)}`;
      this.release();
      this.setState('saved', `${reason ? `${reason} ` : ''}Recording saved: ${this.summary}. Notes it shows now have clips.`);
      void this.library.refresh();
    } catch (error) {
      this.release();
      this.fail(`The recording could not be saved: ${describeRecordingError(error)}`);
    }
  }

  /** The server refused a chunk for good (over the size limit, say): the recorder has stopped. */
  private uploadRefused(error: unknown): void {
    this.release();
    this.fail(`The server refused the upload, so recording stopped: ${describeRecordingError(error)}`);
  }

  private release(): void {
    keepRecordingInProgress(this.ctx.sessionId, null);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.recorder = null;
    window.removeEventListener('beforeunload', this.warnBeforeLeaving);
  }

  private progressed(p: UploadProgress): void {
    const wasRetrying = this.progress?.retrying ?? false;
    this.progress = p;
    if (p.retrying && !wasRetrying) this.say('The connection dropped: recording goes on, and the chunks upload when it returns.');
    if (!p.retrying && wasRetrying) this.say('The connection is back: the waiting chunks are uploading.');
    this.renderStatus();
  }

  private fail(message: string): void {
    this.state = 'failed';
    this.error.textContent = message;
    this.error.hidden = false;
    this.render();
  }

  private clearError(): void {
    this.error.hidden = true;
  }

  private setState(state: PanelState, announcement: string): void {
    this.state = state;
    this.say(announcement);
    this.render();
  }

  private say(text: string): void {
    this.live.textContent = text;
  }

  private render(): void {
    this.renderStatus();
    this.renderActions();
  }

  private renderStatus(): void {
    const elapsed = this.state === 'recording' || this.state === 'stopping' ? clock(performance.now() - this.startedAt) : '';
    this.stateLine.dataset.state = this.state;
    const label: Record<PanelState, string> = {
      idle: 'Not recording',
      asking: 'Waiting for you to choose what to share…',
      recording: 'Recording',
      stopping: 'Stopping: sending the last chunks…',
      saved: `Recording saved (${this.summary})`,
      failed: 'Not recording',
      reloaded: 'Recording stopped because the page was reloaded',
    };
    replaceContent(this.stateLine, h('span', { class: 'rec-dot', 'aria-hidden': 'true' }), label[this.state],
      elapsed ? h('span', { class: 'rec-elapsed', 'data-testid': 'recording-elapsed' }, ` ${elapsed}`) : null);
    this.badge.hidden = this.state !== 'recording' && this.state !== 'stopping' && this.state !== 'reloaded';
    this.badge.textContent = this.state === 'recording' ? `● Recording ${elapsed}` : this.state === 'reloaded' ? 'Recording stopped: page reloaded' : 'Saving the recording…';

    const p = this.progress;
    this.bar.hidden = !p || this.state === 'idle' || this.state === 'asking';
    this.uploadLine.hidden = this.bar.hidden;
    this.uploadLine.dataset.waiting = String(!!p?.retrying);
    if (p) {
      const percent = p.queuedBytes > 0 ? Math.floor((p.uploadedBytes / p.queuedBytes) * 100) : 100;
      this.bar.value = this.state === 'saved' ? 100 : percent;
      const sent = `${p.uploadedChunks} of ${plural(p.queuedChunks, 'chunk')} uploaded · ${bytes(p.uploadedBytes)} of ${bytes(p.queuedBytes)}`;
      // One chunk in flight is normal; more wait only while the network is slow or down.
      replaceContent(this.uploadLine, this.state === 'saved' ? `All ${plural(p.uploadedChunks, 'chunk')} uploaded (${bytes(p.uploadedBytes)}).`
        : p.retrying ? [h('strong', null, `Connection lost: ${plural(p.pendingChunks, 'chunk')} waiting.`), ` They upload by themselves when it returns. ${sent}`]
        : p.pendingChunks > 1 ? `${sent} · ${plural(p.pendingChunks - 1, 'chunk')} waiting` : sent);
    }
  }

  private renderActions(): void {
    const busy = this.state === 'asking' || this.state === 'stopping';
    const ended = this.ctx.state.status === 'ended';
    replaceContent(this.actions, this.state === 'recording'
      ? h('button', { type: 'button', class: 'button button-danger', 'data-focus': 'recording', 'aria-keyshortcuts': singleKeyAttr('Shift+R'), onclick: () => void this.stop() }, 'Stop recording ', singleKeyHint('Shift+R'))
      : ended && !busy ? null
      // While the browser asks or the last chunks go, the button stays focusable (aria-disabled): focus is not lost.
      : h('button', { type: 'button', class: 'button button-secondary', 'data-focus': 'recording', 'aria-disabled': busy ? 'true' : null, 'aria-keyshortcuts': singleKeyAttr('R'), 'aria-describedby': 'recording-help',
          onclick: () => void this.start() }, this.state === 'saved' ? 'Record again ' : 'Start recording ', singleKeyHint('R')));
  }

  private readonly warnBeforeLeaving = (e: BeforeUnloadEvent): void => {
    e.preventDefault();
  };
}

function describeCaptureError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
      return 'Screen sharing or the microphone was not allowed, so nothing is recorded. Press Start recording and allow both; if the browser no longer asks, allow them in the site settings beside the address bar.';
    case 'NotFoundError':
      return 'No microphone was found. Connect one, then press Start recording again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The screen or the microphone could not be read: another app may be using it. Close it and try again.';
    default:
      if (!navigator.mediaDevices?.getDisplayMedia) return 'This browser cannot share the screen here: recording needs a desktop browser and an https:// address.';
      return `The recording could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
}
