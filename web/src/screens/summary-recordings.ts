import type { ClipLibrary } from '../clips/clip-library';
import { InterruptedRecordings } from '../clips/interrupted-recordings';
import { RecordingAligner } from '../clips/recording-align';
import { RecordingUploadForm } from '../clips/recording-upload';
import { h, replaceContent, setText } from '../lib/dom';
import { deleteWithPreview } from './study-lifecycle';
import { bytes, clock, dateTime, duration } from '../lib/format';
import type { Recording } from '../recording/types';

/** The session's recordings, where each starts on the session clock, and (for the owner and moderator) an upload. */
export class RecordingsSection {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'recordings-list', 'data-testid': 'recordings-list', tabindex: '-1' });
  private readonly status = h('p', { class: 'muted', role: 'status' });

  constructor(private readonly clips: ClipLibrary, recordedHere?: ReadonlySet<string>) {
    const upload = clips.canEdit ? new RecordingUploadForm(clips, () => void clips.refresh(), null) : null;
    this.element = h('section', { class: 'panel', 'aria-labelledby': 'recordings-title', 'data-testid': 'recordings-section' },
      h('h2', { id: 'recordings-title' }, 'Recordings'),
      this.list,
      this.status,
      clips.canEdit ? new InterruptedRecordings(clips, recordedHere).element : null,
      upload ? this.disclosure : null);
    this.disclosure.append(h('summary', null, 'Upload a recording'), upload?.element ?? '');
    clips.onChange(() => this.render());
    this.render();
  }

  /** The upload, folded away once the session has a recording; open while there is none. */
  private readonly disclosure = h('details', { class: 'upload-disclosure', open: true });
  private folded = false;
  /** The recording being aligned, kept open across re-renders. */
  private aligner: { recordingId: string; view: RecordingAligner } | null = null;

  private render(): void {
    const recordings = this.clips.recordings;
    // Folded once, when the first list arrives: after that the person decides.
    if (!this.folded && recordings.length > 0) {
      this.folded = true;
      if (!this.disclosure.contains(document.activeElement)) this.disclosure.open = false;
    }
    replaceContent(this.list, recordings.length === 0
      ? h('p', { class: 'muted' }, this.clips.canEdit
        ? 'No recording yet. Record from the moderator console during the session, or upload a finished file below.'
        : 'No recording yet.')
      : h('ul', { class: 'recordings' }, recordings.map((r) => this.item(r))));
  }

  private item(r: Recording): HTMLElement {
    const open = this.aligner?.recordingId === r.id ? this.aligner.view : null;
    // Only a saved recording plays, and only the owner and the moderator may move it.
    const canAlign = this.clips.canEdit && r.status === 'complete';
    return h('li', { 'data-recording-id': r.id, class: 'recording-row' },
      h('span', { 'data-testid': 'recording-description' }, describe(r)),
      canAlign ? [' ', h('button', { type: 'button', class: 'button-link', 'aria-expanded': String(!!open), 'data-focus': `align-${r.id}`,
        'aria-label': open ? 'Close aligning' : `Align with the session: ${describe(r)}`, onclick: () => this.toggleAligner(r) },
        open ? 'Close aligning' : 'Align with the session')] : null,
      // Deleting is for members who run the study; a moderator's session link cannot.
      this.clips.role === 'owner'
        ? h('button', { type: 'button', class: 'button button-secondary button-small button-danger-text', onclick: () => void this.delete(r) },
            'Delete recording…')
        : null,
      open?.element ?? null);
  }

  private toggleAligner(r: Recording): void {
    const open = this.aligner;
    open?.view.close();
    this.aligner = open?.recordingId === r.id ? null : { recordingId: r.id, view: new RecordingAligner(this.clips, r, () => this.toggleAligner(r)) };
    this.render();
    if (this.aligner) this.aligner.view.focus();
    else this.list.querySelector<HTMLElement>(`[data-focus="align-${r.id}"]`)?.focus();
  }

  private async delete(r: Recording): Promise<void> {
    const path = `/api/sessions/${encodeURIComponent(this.clips.sessionId)}/recordings/${encodeURIComponent(r.id)}`;
    if (!await deleteWithPreview('Delete this recording?', `${path}/deletion`, path, 'Delete recording')) return;
    await this.clips.refresh();
    this.render();
    setText(this.status, 'The recording is deleted. Notes that it showed no longer have a clip.');
    this.list.focus();
  }
}

export function describe(r: Recording): string {
  const kind = r.kind === 'liveCapture' ? 'Recorded in the console' : 'Uploaded file';
  const start = r.clockOffsetMs === 0 ? 'starts with the session' : `starts ${clock(Math.abs(r.clockOffsetMs))} ${r.clockOffsetMs < 0 ? 'before' : 'after'} the session`;
  const parts = [kind, start];
  if (r.durationMs !== null) parts.push(duration(r.durationMs));
  if (r.bytes !== null) parts.push(bytes(r.bytes));
  parts.push(r.status === 'complete' ? `saved ${dateTime(r.completedAt)}` : 'not saved yet');
  return parts.join(' · ');
}
