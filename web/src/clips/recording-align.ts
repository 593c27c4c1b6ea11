import { h } from '../lib/dom';
import { clock, mediaTime } from '../lib/format';
import type { Recording } from '../recording/types';
import { describeRecordingError, type ClipLibrary } from './clip-library';
import { parseClock } from './recording-upload';

let aligners = 0;

/**
 * Puts a recording right on the session clock when its start was entered wrong: play it to a moment you can place
 * (a note you remember, the participant's first click), say which time of the session that is, and every clip of the
 * session follows. For the study owner and the moderator; the server refuses anyone else.
 */
export class RecordingAligner {
  readonly element: HTMLElement;
  private readonly id = `align-${++aligners}`;
  private readonly video: HTMLVideoElement;
  private readonly atRecording: HTMLInputElement;
  private readonly atSession: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private readonly live = h('p', { role: 'status', 'aria-live': 'polite', 'data-testid': 'align-status' });
  private readonly error = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': 'align-error' });

  constructor(private readonly library: ClipLibrary, private readonly recording: Recording, onClose: () => void) {
    const id = this.id;
    this.video = h('video', { class: 'clip-video', controls: true, playsinline: true, preload: 'metadata', 'aria-label': 'The recording, to find a moment you can place' });
    this.atRecording = h('input', { id: `${id}-recording`, inputmode: 'numeric', autocomplete: 'off', class: 'offset-input', value: '0:00', 'aria-describedby': `${id}-help`, 'data-testid': 'align-recording-time' });
    this.atSession = h('input', { id: `${id}-session`, inputmode: 'numeric', autocomplete: 'off', class: 'offset-input', 'aria-describedby': `${id}-help`, 'data-testid': 'align-session-time' });
    this.submit = h('button', { type: 'submit', class: 'button' }, 'Align the recording');
    this.element = h('form', { class: 'recording-align', 'aria-labelledby': `${id}-title`, 'data-testid': 'recording-align', novalidate: true,
      onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.align(); },
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } } },
      h('h3', { id: `${id}-title` }, 'Align with the session clock'),
      h('p', { id: `${id}-help`, class: 'muted small' },
        'Play the recording to a moment you can place, such as something a note describes. Then say which time of the session it is. Every clip moves with it.'),
      this.video,
      h('div', { class: 'offset-row' },
        h('div', { class: 'field' },
          h('label', { for: `${id}-recording` }, 'This moment of the recording (m:ss)'),
          h('div', { class: 'form-row' }, this.atRecording,
            h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => this.useVideoTime() }, 'Use where the video is'))),
        h('div', { class: 'field' }, h('label', { for: `${id}-session` }, 'Time of the session at that moment (m:ss)'), this.atSession)),
      h('div', { class: 'form-row' }, this.submit,
        h('button', { type: 'button', class: 'button button-secondary', onclick: onClose }, 'Close')),
      this.live,
      this.error);
    void this.load();
  }

  focus(): void {
    this.atRecording.focus();
  }

  close(): void {
    this.video.removeAttribute('src');
    this.video.load();
  }

  private async load(): Promise<void> {
    try {
      this.video.src = (await this.library.client.playback(this.library.sessionId, this.recording.id)).url;
    } catch (error) {
      this.showError(`The recording could not be loaded: ${describeRecordingError(error)}`);
    }
  }

  private useVideoTime(): void {
    this.atRecording.value = mediaTime(this.video.currentTime);
    this.live.textContent = `The moment of the recording is now ${this.atRecording.value}.`;
  }

  private async align(): Promise<void> {
    this.clearError();
    const inRecording = parseClock(this.atRecording.value);
    if (inRecording === null) return this.showError('Enter the moment of the recording as m:ss or h:mm:ss, such as 0:42.', this.atRecording);
    const inSession = parseClock(this.atSession.value);
    if (inSession === null) return this.showError('Enter the time of the session as m:ss or h:mm:ss, such as 12:34.', this.atSession);
    const clockOffsetMs = inSession - inRecording;
    this.submit.setAttribute('aria-disabled', 'true');
    this.live.textContent = 'Aligning…';
    try {
      const aligned = await this.library.client.update(this.library.sessionId, this.recording.id, { clockOffsetMs });
      const offset = aligned.clockOffsetMs;
      this.live.textContent = `Aligned: the recording now starts ${offset === 0 ? 'with the session' : `${clock(Math.abs(offset))} ${offset < 0 ? 'before' : 'after'} the session`}. Clips follow.`;
      await this.library.refresh();
    } catch (error) {
      this.live.textContent = '';
      this.showError(`The recording could not be aligned: ${describeRecordingError(error)}`);
    } finally {
      this.submit.removeAttribute('aria-disabled');
    }
  }

  private showError(message: string, field?: HTMLInputElement): void {
    this.error.textContent = message;
    this.error.hidden = false;
    this.error.id = `${this.id}-error`;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-errormessage', this.error.id);
      field.focus();
    }
  }

  private clearError(): void {
    this.error.hidden = true;
    for (const field of [this.atRecording, this.atSession]) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-errormessage');
    }
  }
}
