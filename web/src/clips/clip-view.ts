import { h, replaceContent } from '../lib/dom';
import { bytes, clock, mediaTime, seconds } from '../lib/format';
import { ClipPlayer } from '../recording/ClipPlayer';
import type { Clip } from '../recording/types';
import { describeRecordingError, type ClipLibrary } from './clip-library';

/** What a clip view needs of a note. */
export interface ClipNote { id: string; clockOffsetMs: number; text: string }

export interface ClipWindowSeconds { beforeSeconds: number; afterSeconds: number }

let views = 0;

/**
 * One note's clip: a player positioned on the note's moment, the window around it (kept for everyone by the owner
 * or moderator, tried for oneself by an observer), MP4 export where the server can cut one, and the clip's link.
 */
export class ClipView {
  readonly element: HTMLElement;
  private readonly video: HTMLVideoElement;
  private readonly player: ClipPlayer;
  private readonly status = h('p', { class: 'clip-status', role: 'status', 'data-testid': 'clip-status' }, 'Loading the clip…');
  /** Focusable, so a failed export can move focus here from its button. */
  private readonly error = h('p', { class: 'field-error', role: 'alert', hidden: true, tabindex: '-1', 'data-testid': 'clip-error' });
  private readonly before: HTMLInputElement;
  private readonly after: HTMLInputElement;
  private readonly exportSlot = h('div', { class: 'clip-export' });
  private readonly copyNote = h('span', { class: 'clip-copied small', role: 'status' });
  private window: ClipWindowSeconds | undefined;

  constructor(private readonly library: ClipLibrary, private readonly note: ClipNote, options: { onClose?: () => void; heading?: string } = {}) {
    const id = `clip-${++views}`;
    const at = clock(note.clockOffsetMs);
    this.video = h('video', { class: 'clip-video', controls: true, playsinline: true, preload: 'metadata', 'data-testid': 'clip-video', 'aria-label': `Clip of the note at ${at}` });
    this.player = new ClipPlayer(this.video, { refresh: () => this.library.clip(this.note.id, this.window) });
    const field = (suffix: string) => h('input', { id: `${id}-${suffix}`, type: 'number', min: '0', max: '300', step: '0.5', inputmode: 'decimal', required: true, 'aria-describedby': `${id}-window-help` });
    this.before = field('before');
    this.after = field('after');
    const canEdit = library.canEdit;
    this.element = h('section', { class: 'clip-view', 'aria-label': options.heading ?? `Clip of the note at ${at}`, 'data-testid': 'clip-view',
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'Escape' && options.onClose) { e.preventDefault(); e.stopPropagation(); this.close(); options.onClose(); }
      } },
      this.video,
      this.status,
      h('form', { class: 'clip-window', onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.applyWindow(); } },
        h('div', { class: 'field' }, h('label', { for: `${id}-before` }, 'Seconds before the note'), this.before),
        h('div', { class: 'field' }, h('label', { for: `${id}-after` }, 'Seconds after the note'), this.after),
        h('button', { type: 'submit', class: 'button button-secondary button-small' }, canEdit ? 'Save window' : 'Play this window'),
        h('p', { id: `${id}-window-help`, class: 'muted small clip-window-help' }, canEdit
          ? 'Saved for everyone: the summary, the report and the clip link play the same moment.'
          : library.role === 'viewer' ? 'Only for you: the clip stays as it was shared.'
            : 'Only for you: the moderator or the study owner can save a clip’s window for everyone.')),
      h('div', { class: 'clip-actions' },
        this.exportSlot,
        h('button', { type: 'button', class: 'button-link', onclick: () => void this.copyLink() }, 'Copy clip link'),
        this.copyNote),
      this.error);
    void this.renderExport();
  }

  /** Loads the note's clip (its saved window, or the default) and plays it. */
  async play(): Promise<void> {
    await this.load(() => this.library.clip(this.note.id, this.window));
  }

  close(): void {
    this.player.stop();
    this.video.removeAttribute('src');
    this.video.load();
  }

  focus(): void {
    this.video.focus();
  }

  private async load(fetchClip: () => Promise<Clip>): Promise<void> {
    this.error.hidden = true;
    this.status.textContent = 'Loading the clip…';
    try {
      const clip = await fetchClip();
      this.before.value = seconds(clip.beforeSeconds);
      this.after.value = seconds(clip.afterSeconds);
      this.describe(clip);
      try {
        await this.player.play(clip);
      } catch (error) {
        // Autoplay may be refused without a recent click; the clip is positioned, so the play button starts it.
        if (!(error instanceof DOMException && error.name === 'NotAllowedError')) throw error;
      }
      this.element.dataset.start = String(clip.startSeconds);
      this.element.dataset.end = String(clip.endSeconds);
    } catch (error) {
      this.status.textContent = '';
      this.showError(error instanceof Error && error.message.startsWith('The clip could not be loaded')
        ? 'This browser could not play the recording. A MOV or HEVC file may need another browser; MP4 (H.264) and WebM play everywhere.'
        : describeRecordingError(error));
    }
  }

  private describe(clip: Clip): void {
    this.status.textContent = `Plays ${mediaTime(clip.startSeconds)}–${mediaTime(clip.endSeconds)} of the recording: `
      + `from ${seconds(clip.beforeSeconds)} s before the note to ${seconds(clip.afterSeconds)} s after.`;
  }

  private async applyWindow(): Promise<void> {
    const before = Number(this.before.value);
    const after = Number(this.after.value);
    const bad = [this.before, this.after].find((input) => !input.value || !Number.isFinite(Number(input.value)) || Number(input.value) < 0 || Number(input.value) > 300);
    for (const input of [this.before, this.after]) input.removeAttribute('aria-invalid');
    if (bad) {
      bad.setAttribute('aria-invalid', 'true');
      bad.focus();
      this.showError('Enter a number of seconds from 0 to 300.');
      return;
    }
    this.window = { beforeSeconds: before, afterSeconds: after };
    await this.load(() => this.library.canEdit ? this.library.saveWindow(this.note.id, before, after) : this.library.clip(this.note.id, this.window));
    if (this.error.hidden && this.library.canEdit) this.status.textContent += ' Saved.';
  }

  private async renderExport(): Promise<void> {
    // Cutting an MP4 is for the research team; a view-only link plays clips.
    if (this.library.role === 'viewer') return;
    let available: boolean;
    let reason: string | null;
    try {
      const capabilities = await this.library.capabilities();
      available = capabilities.clipExport;
      reason = capabilities.clipExportUnavailableReason;
    } catch {
      available = false;
      reason = 'the server did not say whether it can.';
    }
    const reasonId = `${this.before.id}-export-reason`;
    if (!available) {
      replaceContent(this.exportSlot, h('button', { type: 'button', class: 'button-link', disabled: true, 'aria-describedby': reasonId }, 'Export MP4'),
        h('span', { id: reasonId, class: 'muted small' }, ` Unavailable: ${reason ?? 'this server cannot cut clips.'}`));
      return;
    }
    // The status is in the page before it says anything, so "Cutting the MP4…" is read out.
    const status = h('span', { class: 'muted small', role: 'status', 'data-testid': 'clip-export-status' });
    const button: HTMLButtonElement = h('button', { type: 'button', class: 'button-link', onclick: () => void this.export(button, status) }, 'Export MP4');
    replaceContent(this.exportSlot, button, status);
  }

  /**
   * While the server cuts (seconds), the button stays where focus is, aria-disabled; then focus moves to the download
   * link, or to the error. Only if it is still on the button: the viewer may have gone on to watch the clip.
   */
  private async export(button: HTMLButtonElement, status: HTMLElement): Promise<void> {
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    status.textContent = 'Cutting the MP4…';
    this.error.hidden = true;
    try {
      const exported = await this.library.exportClip(this.note.id, this.window);
      const name = `clip-${clock(this.note.clockOffsetMs).replace(/:/g, '-')}.mp4`;
      const hadFocus = document.activeElement === button;
      const link = h('a', { href: exported.download.url, download: name, 'data-testid': 'clip-download' }, `Download the MP4 (${bytes(exported.bytes)})`);
      replaceContent(this.exportSlot, link);
      if (hadFocus) link.focus();
    } catch (error) {
      const hadFocus = this.exportSlot.contains(document.activeElement);
      await this.renderExport();
      this.showError(describeRecordingError(error));
      if (hadFocus) this.error.focus();
    }
  }

  private async copyLink(): Promise<void> {
    const url = this.library.clipUrl(this.note.id);
    try {
      await navigator.clipboard.writeText(url);
      this.copyNote.textContent = 'Clip link copied.';
    } catch {
      // Without clipboard access (plain http, or permission refused) the link is shown to copy by hand.
      this.copyNote.textContent = url;
    }
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
