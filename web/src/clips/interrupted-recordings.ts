import { h, replaceContent } from '../lib/dom';
import { bytes, clock, duration, plural } from '../lib/format';
import { findInterruptedRecordings, saveInterruptedRecording, savableChunks, type InterruptedRecording } from '../recording/interruptedRecordings';
import { describeRecordingError, type ClipLibrary } from './clip-library';

/** The recording a console tab was making when it was reloaded, which the reloaded page offers at once. */
export interface ReloadedRecording {
  recordingId: string;
  /** Starts recording again; called in the click that asked for it, so the browser may ask what to share. */
  recordAgain: () => void;
  /** The recording was saved, or nothing of it is left to save. */
  settled: () => void;
}

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
  private reloadedChecked = false;

  /**
   * `except`: recordings this page is recording itself, which are never offered. `reloaded`: the one this tab was
   * recording before a reload; it is offered as soon as the server's list shows it, without waiting to see it is quiet.
   */
  constructor(private readonly library: ClipLibrary, private readonly except: ReadonlySet<string> = new Set(), private readonly reloaded?: ReloadedRecording) {
    this.element.append(this.list, this.error, this.status);
    this.unsubscribe = library.onChange(() => void this.check(true));
    void this.check(false);
  }

  /** Stops looking, and takes the offer off the page. */
  dispose(): void {
    this.abort.abort();
    this.unsubscribe();
    this.element.remove();
  }

  /** `listed`: the server's list of recordings has been read, so one missing from it is not there. */
  private async check(listed: boolean): Promise<void> {
    if (this.checking || !this.library.canEdit) return;
    this.checking = true;
    try {
      await this.offerReloaded(listed);
      const reloadedId = this.reloaded?.recordingId;
      const quiet = await findInterruptedRecordings(this.library.client, this.library.sessionId, this.library.recordings,
        new Set([...this.except, ...(reloadedId ? [reloadedId] : [])]), undefined, this.abort.signal);
      const found = [...this.found.filter((i) => i.recording.id === reloadedId), ...quiet];
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

  /** The tab's own recording, cut by its reload: the browser ended the capture, so nothing more can arrive for it. */
  private async offerReloaded(listed: boolean): Promise<void> {
    const reloaded = this.reloaded;
    if (!reloaded || this.reloadedChecked || !listed) return;
    this.reloadedChecked = true;
    const recording = this.library.recordings.find((r) => r.id === reloaded.recordingId);
    if (recording?.status !== 'uploading') {
      reloaded.settled();
      return;
    }
    const status = await this.library.client.uploadStatus(this.library.sessionId, recording.id, this.abort.signal);
    this.found = [{ recording, ...savableChunks(status) }, ...this.found.filter((i) => i.recording.id !== recording.id)];
    this.render();
  }

  private render(): void {
    this.element.hidden = this.found.length === 0 && !this.saved;
    const saved = this.saved ? h('p', { class: 'rec-interrupted-saved', tabindex: '-1', 'data-testid': 'recording-interrupted-saved' }, this.saved) : null;
    replaceContent(this.list, saved, ...this.found.map((item) => {
      const id = item.recording.id;
      const busy = this.saving.has(id);
      if (id === this.reloaded?.recordingId) return this.renderReloaded(item, busy);
      const offset = item.recording.clockOffsetMs;
      return h('div', { class: 'rec-interrupted-item', 'data-recording-id': id },
        h('p', null,
          `A recording started ${offset < 0 ? `${clock(-offset)} before the session` : `at ${clock(offset)} on the session clock`} was interrupted before it was saved: the page was reloaded or closed while it recorded. `,
          item.chunks > 0 ? `${plural(item.chunks, 'chunk')} (${bytes(item.bytes)}) reached the server.` : 'Nothing of it reached the server.'),
        h('p', { class: 'small' }, 'If another window is still recording it and only lost its connection, leave it: that window saves it when the connection returns.'),
        item.chunks > 0
          ? h('button', { type: 'button', class: 'button button-secondary', 'aria-disabled': busy ? 'true' : null, onclick: () => void this.save(item) },
            busy ? 'Saving the interrupted recording…' : 'Save the interrupted recording')
          : null);
    }));
  }

  /** What this tab recorded until its reload: saved and recording again in one press, or only saved. */
  private renderReloaded(item: InterruptedRecording, busy: boolean): HTMLElement {
    const what = item.chunks > 0 ? `${plural(item.chunks, 'chunk')} (${bytes(item.bytes)}) of it reached the server.` : 'None of it reached the server.';
    return h('div', { class: 'rec-interrupted-item', 'data-recording-id': item.recording.id, 'data-reloaded': 'true' },
      h('p', null, h('strong', null, 'Recording stopped because the page was reloaded. '), what,
        item.chunks > 0 ? ' Save it and start recording again in one step, or only save it.' : ''),
      h('div', { class: 'form-row' },
        item.chunks > 0
          ? [h('button', { type: 'button', class: 'button', 'aria-disabled': busy ? 'true' : null, onclick: () => this.saveAndRecordAgain(item) },
              busy ? 'Saving the recording…' : 'Save and record again'),
            h('button', { type: 'button', class: 'button button-secondary', 'aria-disabled': busy ? 'true' : null, onclick: () => void this.save(item) }, 'Save only')]
          : h('button', { type: 'button', class: 'button', onclick: () => { this.discardReloaded(); this.reloaded?.recordAgain(); } }, 'Record again')));
  }

  private saveAndRecordAgain(item: InterruptedRecording): void {
    if (this.saving.has(item.recording.id)) return;
    // Asked first, inside the press: the browser lets a page ask to share the screen only then.
    this.reloaded?.recordAgain();
    void this.save(item);
  }

  private discardReloaded(): void {
    this.found = this.found.filter((i) => i.recording.id !== this.reloaded?.recordingId);
    this.reloaded?.settled();
    this.render();
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
      if (id === this.reloaded?.recordingId) this.reloaded.settled();
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
