import { h } from '../lib/dom';
import { bytes, clock } from '../lib/format';
import { load, save } from '../lib/storage';
import { RecordingApiError } from '../recording/RecordingsClient';
import type { Recording, RecordingCapabilities, UploadProgress } from '../recording/types';
import { probeMediaDuration, uploadRecordingFile } from '../recording/uploadRecordingFile';
import { describeRecordingError, type ClipLibrary } from './clip-library';

/** Types browsers give some files that the server knows by another name. */
const typeAliases: Record<string, string> = { 'audio/x-m4a': 'audio/mp4', 'audio/mp3': 'audio/mpeg', 'video/x-m4v': 'video/mp4' };
const typeNames: Record<string, string> = {
  'video/webm': 'WebM', 'video/mp4': 'MP4', 'video/quicktime': 'MOV', 'audio/webm': 'WebM audio', 'audio/mp4': 'M4A', 'audio/ogg': 'OGG', 'audio/mpeg': 'MP3',
};

interface PendingUpload { fileKey: string; recordingId: string }

/** "1:30", "0:01:30", "90" → ms; null when it is not a time. */
export function parseClock(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((p, i) => !(i === parts.length - 1 ? /^\d+(\.\d+)?$/ : /^\d+$/).test(p))) return null;
  const values = parts.map(Number);
  if (values.slice(1).some((v) => v >= 60)) return null;
  return Math.round(values.reduce((total, v) => total * 60 + v, 0) * 1000);
}

let forms = 0;

/**
 * Uploads a finished recording (an MP4 from a video call, say) with its offset to the session clock. The new
 * recording's id is kept in this browser until the upload completes, so choosing the same file again, even after
 * a reload, continues where it stopped instead of starting over.
 */
export class RecordingUploadForm {
  readonly element: HTMLElement;
  private readonly id = `upload-${++forms}`;
  private readonly file: HTMLInputElement;
  private readonly offset: HTMLInputElement;
  private readonly before: HTMLInputElement;
  private readonly after: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private readonly progressBar = h('progress', { max: '100', value: '0' });
  private readonly progressText = h('span', { class: 'upload-progress-text', 'data-testid': 'upload-progress-text' });
  private readonly progress: HTMLElement;
  private readonly live = h('p', { class: 'upload-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'upload-status' });
  private readonly percentAnnouncer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-testid': 'upload-error' });
  private readonly pause: HTMLButtonElement;
  private readonly typesHelp = h('span', null, 'MP4, WebM, MOV, M4A, OGG or MP3.');
  private abort: AbortController | null = null;
  private capabilities: RecordingCapabilities | null = null;
  private lastPercent = -1;

  constructor(private readonly library: ClipLibrary, private readonly onUploaded: (recording: Recording) => void, headingLevel: 'h2' | 'h3' | 'h4' | null = 'h3') {
    const id = this.id;
    this.file = h('input', { id: `${id}-file`, type: 'file', accept: 'video/*,audio/*', required: true, 'aria-describedby': `${id}-file-help`, 'data-testid': 'upload-file' });
    this.offset = h('input', { id: `${id}-offset`, value: '0:00:00', inputmode: 'numeric', autocomplete: 'off', required: true, class: 'offset-input', 'aria-describedby': `${id}-offset-help` });
    this.after = h('input', { type: 'radio', id: `${id}-after`, name: `${id}-direction`, value: 'after', checked: true });
    this.before = h('input', { type: 'radio', id: `${id}-before`, name: `${id}-direction`, value: 'before' });
    this.submit = h('button', { type: 'submit', class: 'button' }, 'Upload');
    this.pause = h('button', { type: 'button', class: 'button button-secondary', hidden: true, onclick: () => this.abort?.abort() }, 'Pause upload');
    this.progress = h('div', { class: 'upload-progress', hidden: true },
      h('label', { for: `${id}-progress` }, 'Upload progress'), this.progressBar, this.progressText);
    this.progressBar.id = `${id}-progress`;
    this.file.addEventListener('change', () => this.fileChosen());
    // Without a heading of its own (inside a disclosure that names it), the form is still named for assistive tech.
    this.element = h('form', { class: 'upload-form', 'aria-labelledby': headingLevel ? `${id}-title` : null, 'aria-label': headingLevel ? null : 'Upload a recording',
      'data-testid': 'upload-form', novalidate: true, onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.start(); } },
      headingLevel ? h(headingLevel, { id: `${id}-title` }, 'Upload a recording') : null,
      h('p', { class: 'muted' }, 'A finished file, such as the MP4 of a video call. Say when it started, so every note lines up with its moment.'),
      h('div', { class: 'field' },
        h('label', { for: `${id}-file` }, 'Recording file'),
        h('p', { id: `${id}-file-help`, class: 'muted small' }, this.typesHelp),
        this.file),
      h('fieldset', { class: 'offset-fields' },
        h('legend', null, 'When did the recording start?'),
        h('div', { class: 'offset-row' },
          h('div', { class: 'field' }, h('label', { for: `${id}-offset` }, 'Time (h:mm:ss)'), this.offset),
          h('div', { class: 'offset-direction', role: 'radiogroup', 'aria-label': 'Relative to the session start' },
            h('span', { class: 'check' }, this.after, h('label', { for: `${id}-after` }, 'after the session started')),
            h('span', { class: 'check' }, this.before, h('label', { for: `${id}-before` }, 'before the session started')))),
        h('p', { id: `${id}-offset-help`, class: 'muted small' },
          'The session started when the moderator pressed Start session. A call recorded from 1 min 30 s before that: 0:01:30, before.')),
      h('div', { class: 'form-row' }, this.submit, this.pause),
      this.progress,
      this.live,
      this.percentAnnouncer,
      this.error);
    void this.loadCapabilities();
  }

  private async loadCapabilities(): Promise<void> {
    try {
      this.capabilities = await this.library.capabilities();
      const names = [...new Set(this.capabilities.contentTypes.map((t) => typeNames[t] ?? t))];
      this.typesHelp.textContent = `${names.join(', ')}; up to ${bytes(this.capabilities.maxRecordingBytes)}.`;
    } catch {
      /* The limits are checked again by the server; the help keeps its general wording. */
    }
  }

  private get fileKey(): string {
    const f = this.file.files?.[0];
    return f ? `${f.name}|${f.size}|${f.lastModified}` : '';
  }

  private get storageKey(): string {
    return `sessionlab:file-upload:${this.library.sessionId}`;
  }

  private pending(): PendingUpload | undefined {
    return load<PendingUpload[]>(this.storageKey, []).find((p) => p.fileKey === this.fileKey);
  }

  private keep(pending: PendingUpload | null, fileKey = this.fileKey): void {
    const others = load<PendingUpload[]>(this.storageKey, []).filter((p) => p.fileKey !== fileKey);
    save(this.storageKey, pending ? [pending, ...others] : others);
  }

  private fileChosen(): void {
    this.clearError();
    const problem = this.checkFile();
    if (problem) {
      this.showError(problem, this.file);
      return;
    }
    this.submit.textContent = this.pending() ? 'Resume upload' : 'Upload';
    if (this.pending()) this.say('This file was partly uploaded before: the upload continues where it stopped.');
  }

  /** The file's type as the server names it, or null. */
  private contentType(file: File): string | null {
    const type = typeAliases[file.type] ?? file.type;
    const allowed = this.capabilities?.contentTypes ?? Object.keys(typeNames);
    return allowed.includes(type) ? type : null;
  }

  private checkFile(): string | null {
    const file = this.file.files?.[0];
    if (!file) return 'Choose the recording file first.';
    if (!this.contentType(file)) {
      return `“${file.name}” is not a recording this server keeps (${file.type || 'unknown type'}). Upload ${this.typesHelp.textContent?.split(';')[0] ?? 'a video or audio file'}.`;
    }
    const max = this.capabilities?.maxRecordingBytes;
    if (max && file.size > max) {
      // Just over the limit reads the same rounded; then the exact figures say it.
      const [size, limit] = bytes(file.size) === bytes(max) ? [`${file.size.toLocaleString('en')} bytes`, `${max.toLocaleString('en')} bytes`] : [bytes(file.size), bytes(max)];
      return `“${file.name}” is ${size}; a recording can be at most ${limit}.`;
    }
    if (file.size === 0) return `“${file.name}” is empty.`;
    return null;
  }

  private async start(): Promise<void> {
    this.clearError();
    const problem = this.checkFile();
    if (problem) {
      this.showError(problem, this.file);
      return;
    }
    const magnitude = parseClock(this.offset.value);
    if (magnitude === null) {
      this.showError('Enter the time as h:mm:ss, m:ss or seconds, such as 0:01:30.', this.offset);
      return;
    }
    const clockOffsetMs = this.before.checked ? -magnitude : magnitude;
    const source = this.file.files![0]!;
    const type = this.contentType(source)!;
    const file = type === source.type ? source : new File([source], source.name, { type, lastModified: source.lastModified });
    const fileKey = this.fileKey;
    const abort = new AbortController();
    this.abort = abort;
    this.busy(true);
    this.showProgress({ uploadedBytes: 0 } as UploadProgress, file.size);
    try {
      let pending = this.pending();
      if (pending) {
        this.say('Continuing the earlier upload of this file…');
        await this.library.client.update(this.library.sessionId, pending.recordingId, { clockOffsetMs }, abort.signal);
      } else {
        this.say('Reading the file…');
        const durationMs = (await probeMediaDuration(file)) ?? undefined;
        const created = await this.library.client.create(this.library.sessionId,
          { kind: 'uploadedFile', contentType: type, clockOffsetMs, expectedBytes: file.size, durationMs }, abort.signal);
        pending = { fileKey, recordingId: created.id };
        this.keep(pending, fileKey);
        this.say('Uploading…');
      }
      const recording = await uploadRecordingFile(file, {
        client: this.library.client, sessionId: this.library.sessionId, clockOffsetMs, recordingId: pending.recordingId, signal: abort.signal,
        onProgress: (p) => this.showProgress(p, file.size),
      });
      this.finished(recording, fileKey);
    } catch (error) {
      await this.failed(error, fileKey);
    } finally {
      this.abort = null;
      this.busy(false);
    }
  }

  private finished(recording: Recording, fileKey: string): void {
    this.keep(null, fileKey);
    this.progressBar.value = 100;
    this.progressText.textContent = `100% · ${bytes(recording.bytes ?? 0)}`;
    const offset = recording.clockOffsetMs;
    this.say(`Uploaded. The recording starts ${clock(Math.abs(offset))} ${offset < 0 ? 'before' : 'after'} the session started; notes it shows now have clips.`);
    this.submit.textContent = 'Upload';
    this.file.value = '';
    this.onUploaded(recording);
  }

  private async failed(error: unknown, fileKey: string): Promise<void> {
    const pending = load<PendingUpload[]>(this.storageKey, []).find((p) => p.fileKey === fileKey);
    if (error instanceof RecordingApiError && pending) {
      if (error.code === 'recordingAlreadyComplete') {
        // An earlier attempt finished although its answer was lost.
        const done = await this.library.client.list(this.library.sessionId).then((all) => all.find((r) => r.id === pending.recordingId)).catch(() => undefined);
        if (done) {
          this.finished(done, fileKey);
          return;
        }
      }
      if (error.code === 'recordingNotFound' || error.code === 'sizeMismatch') {
        // The server has no use for what it holds: the next attempt starts a new recording.
        this.keep(null, fileKey);
      }
    }
    if (error instanceof DOMException && error.name === 'AbortError') {
      this.say('Paused. Press Resume upload to continue where it stopped.');
      this.submit.textContent = 'Resume upload';
      return;
    }
    this.submit.textContent = this.pending() ? 'Resume upload' : 'Upload';
    this.showError(`The upload stopped: ${describeUploadError(error)}${this.pending() ? ' Resume upload continues where it stopped.' : ''}`);
  }

  private showProgress(p: UploadProgress, total: number): void {
    this.progress.hidden = false;
    const percent = total > 0 ? Math.floor((p.uploadedBytes / total) * 100) : 0;
    this.progressBar.value = percent;
    this.progressBar.textContent = `${percent}%`;
    const waiting = p.retrying ? ` · connection lost, retrying by itself (${p.pendingChunks} ${p.pendingChunks === 1 ? 'chunk' : 'chunks'} to go)` : '';
    this.progressText.textContent = `${percent}% · ${bytes(p.uploadedBytes)} of ${bytes(total)}${waiting}`;
    // Announced at quarters only: a screen reader reading every chunk would drown everything else.
    const quarter = Math.floor(percent / 25);
    if (quarter !== this.lastPercent && percent < 100) {
      this.lastPercent = quarter;
      if (percent > 0) this.percentAnnouncer.textContent = `${percent}% uploaded.`;
    }
    if (p.retrying) this.say('The connection dropped; the upload will resume by itself.');
  }

  private busy(on: boolean): void {
    const focused = document.activeElement === this.submit || document.activeElement === this.pause;
    this.submit.disabled = on;
    this.file.disabled = on;
    this.pause.hidden = !on;
    if (!on) this.lastPercent = -1;
    // The pressed button is disabled or hidden now; focus moves to the one that does something.
    if (focused) (on ? this.pause : this.submit).focus();
  }

  private say(message: string): void {
    this.live.textContent = message;
  }

  private showError(message: string, field?: HTMLInputElement): void {
    this.error.textContent = message;
    this.error.hidden = false;
    this.error.id = `${this.id}-error`;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', `${field.getAttribute('aria-describedby')?.replace(` ${this.id}-error`, '') ?? ''} ${this.id}-error`.trim());
      field.focus();
    }
  }

  private clearError(): void {
    this.error.hidden = true;
    for (const field of [this.file, this.offset]) {
      field.removeAttribute('aria-invalid');
      field.setAttribute('aria-describedby', (field.getAttribute('aria-describedby') ?? '').replace(` ${this.id}-error`, ''));
    }
  }
}

function describeUploadError(error: unknown): string {
  if (error instanceof RecordingApiError) {
    switch (error.code) {
      case 'unsupportedContentType': return `the server does not keep this type of file. ${error.message}`;
      case 'recordingTooLarge':
      case 'chunkTooLarge': return `the file is too large. ${error.message}`;
      case 'storageQuotaReached': return `the workspace has no room left for it. ${error.message}`;
      default: return describeRecordingError(error);
    }
  }
  return describeRecordingError(error);
}

