import { h, replaceContent } from '../lib/dom';
import { bytes, clock, duration, plural } from '../lib/format';
import { findInterruptedRecordings, saveInterruptedRecording, type InterruptedRecording } from '../recording/interruptedRecordings';
import { describeRecordingError, type ClipLibrary } from './clip-library';

/**
 * A reload, a closed tab or a crashed browser leaves a console recording unsaved, with its chunks on the server.
 * This offers the moderator or the study owner to save it with what arrived, so clips can still be cut from it.
 * It shows nothing until such a recording is found.
 */
export class InterruptedRecordings {
  readonly element = h('div', { class: 'rec-interrupted', hidden: true, 'data-testid': 'recording-interrupted' });
  private readonly status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  private readonly list = h('div');
  private found: InterruptedRecording[] = [];
  private readonly saving = new Set<string>();
  private saved = '';
  private checking = false;
  private readonly abort = new AbortController();
  private readonly unsubscribe: () => void;

  /** `except`: recordings this page is recording itself, which are never offered. */
  constructor(private readonly library: ClipLibrary, private readonly except: ReadonlySet<string> = new Set()) {
    this.element.append(this.list, this.error, this.status);
    this.unsubscribe = library.onChange(() => void this.check());
    void this.check();
  }

  /** Stops looking, and takes the offer off the page. */
  dispose(): void {
    this.abort.abort();
    this.unsubscribe();
    this.element.remove();
  }

  private async check(): Promise<void> {
    if (this.checking || !this.library.canEdit) return;
    this.checking = true;
    try {
      const found = await findInterruptedRecordings(this.library.client, this.library.sessionId, this.library.recordings, this.except, undefined, this.abort.signal);
      const ids = (list: InterruptedRecording[]) => list.map((i) => i.recording.id).join();
      if (ids(found) !== ids(this.found)) {
        this.found = found;
        this.render();
      }
    } catch {
      // The next change of the recordings list looks again; nothing is lost by waiting.
    } finally {
      this.checking = false;
    }
  }

  private render(): void {
    this.element.hidden = this.found.length === 0 && !this.saved;
    const saved = this.saved ? h('p', { class: 'rec-interrupted-saved', tabindex: '-1', 'data-testid': 'recording-interrupted-saved' }, this.saved) : null;
    replaceContent(this.list, saved, ...this.found.map((item) => {
      const id = item.recording.id;
      const busy = this.saving.has(id);
      return h('div', { class: 'rec-interrupted-item', 'data-recording-id': id },
        h('p', null,
          `A recording started at ${clock(Math.max(0, item.recording.clockOffsetMs))} on the session clock was interrupted before it was saved: the page was reloaded or closed while it recorded. `,
          item.chunks > 0 ? `${plural(item.chunks, 'chunk')} (${bytes(item.bytes)}) reached the server.` : 'Nothing of it reached the server.'),
        h('p', { class: 'small' }, 'If another window is still recording it and only lost its connection, leave it: that window saves it when the connection returns.'),
        item.chunks > 0
          ? h('button', { type: 'button', class: 'button button-secondary', 'aria-disabled': busy ? 'true' : null, onclick: () => void this.save(item) },
            busy ? 'Saving the interrupted recording…' : 'Save the interrupted recording')
          : null);
    }));
  }

  private async save(item: InterruptedRecording): Promise<void> {
    const id = item.recording.id;
    if (this.saving.has(id)) return;
    this.saving.add(id);
    this.error.hidden = true;
    this.status.textContent = 'Saving the interrupted recording…';
    this.render();
    try {
      const recording = await saveInterruptedRecording(this.library.client, this.library.sessionId, item, this.abort.signal);
      this.found = this.found.filter((i) => i.recording.id !== id);
      this.saved = `Interrupted recording saved: ${recording.durationMs === null ? 'length unknown' : duration(recording.durationMs)}, ${bytes(recording.bytes ?? 0)}. Notes it shows now have clips.`;
      this.status.textContent = this.saved;
      this.saving.delete(id);
      this.render();
      // The button that was pressed is gone; focus goes to what replaced it.
      this.list.querySelector<HTMLElement>('[data-testid=recording-interrupted-saved]')?.focus();
      void this.library.refresh();
    } catch (error) {
      this.error.textContent = `The interrupted recording could not be saved: ${describeRecordingError(error)}`;
      this.error.hidden = false;
      this.saving.delete(id);
      this.render();
    }
  }
}
