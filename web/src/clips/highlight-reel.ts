import { h, replaceContent } from '../lib/dom';
import { clock, plural } from '../lib/format';
import { ClipPlayer } from '../recording/ClipPlayer';
import type { Clip } from '../recording/types';
import { describeRecordingError, type ClipLibrary } from './clip-library';

/** A tag's clips played one after another, in session-clock order, with each clip's note beside the player. */
export class HighlightReelView {
  readonly element: HTMLElement;
  private readonly video = h('video', { class: 'clip-video', controls: true, playsinline: true, preload: 'metadata', 'data-testid': 'reel-video' });
  private readonly player: ClipPlayer;
  private readonly nowPlaying = h('p', { class: 'clip-status', role: 'status', 'data-testid': 'reel-status' }, 'Loading the highlight reel…');
  private readonly list = h('ol', { class: 'reel-list' });
  private readonly controls = h('div', { class: 'clip-actions' });
  private clips: Clip[] = [];
  private current = -1;

  constructor(private readonly library: ClipLibrary, private readonly tag: string, onClose: () => void) {
    this.player = new ClipPlayer(this.video, { refresh: () => this.fresh() });
    this.video.setAttribute('aria-label', `Highlight reel for #${tag}`);
    // The player pauses itself at a clip's end; that is the cue for the next one. A pause earlier is the viewer's.
    this.video.addEventListener('pause', () => {
      const clip = this.clips[this.current];
      if (clip && this.video.currentTime >= clip.endSeconds - 0.3 && this.current < this.clips.length - 1) void this.show(this.current + 1);
    });
    const close = () => { this.player.stop(); this.video.removeAttribute('src'); this.video.load(); onClose(); };
    this.element = h('section', { class: 'clip-view reel', 'aria-label': `Highlight reel for #${tag}`, 'data-testid': 'highlight-reel',
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); } } },
      this.video, this.nowPlaying, this.controls, this.list);
    replaceContent(this.controls,
      h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-keyshortcuts': 'Shift+P', onclick: () => void this.show(this.current - 1) }, 'Previous clip'),
      h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-keyshortcuts': 'Shift+N', onclick: () => void this.show(this.current + 1) }, 'Next clip'),
      h('button', { type: 'button', class: 'button-link', 'aria-keyshortcuts': 'Escape', onclick: close }, 'Close reel'));
    this.element.addEventListener('keydown', (e) => {
      if (!e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'N') { e.preventDefault(); void this.show(this.current + 1); }
      if (e.key === 'P') { e.preventDefault(); void this.show(this.current - 1); }
    });
  }

  async play(): Promise<void> {
    try {
      const reel = await this.library.reel(this.tag);
      this.clips = reel.clips;
      replaceContent(this.list, reel.clips.map((clip, i) => h('li', null,
        h('button', { type: 'button', class: 'button-link', 'data-index': String(i), onclick: () => void this.show(i) },
          `${clock(clip.noteClockOffsetMs)} `, clip.noteText))),
        reel.notesWithoutRecording.length
          ? h('li', { class: 'muted small reel-missing' }, `${plural(reel.notesWithoutRecording.length, 'note')} with this tag ${reel.notesWithoutRecording.length === 1 ? 'is' : 'are'} not in any recording.`)
          : null);
      if (reel.clips.length === 0) {
        this.nowPlaying.textContent = 'No recording shows any note with this tag.';
        return;
      }
      await this.show(0);
    } catch (error) {
      this.nowPlaying.textContent = describeRecordingError(error);
    }
  }

  private async show(index: number): Promise<void> {
    const clip = this.clips[index];
    if (!clip) return;
    this.current = index;
    for (const button of this.list.querySelectorAll<HTMLElement>('button[data-index]')) {
      if (button.dataset.index === String(index)) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
    this.nowPlaying.textContent = `Clip ${index + 1} of ${this.clips.length} · ${clock(clip.noteClockOffsetMs)} · ${clip.noteText}`;
    try {
      await this.player.play(clip);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) this.nowPlaying.textContent = describeRecordingError(error);
    }
  }

  /** Signed URLs are short-lived: a reel watched for a while asks for its clips again. */
  private async fresh(): Promise<Clip> {
    const reel = await this.library.reel(this.tag);
    this.clips = reel.clips;
    return this.clips[this.current] ?? this.clips[0]!;
  }
}
