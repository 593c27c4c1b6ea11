import { ApiError, api } from '../lib/api';
import { h } from '../lib/dom';
import { describeError } from '../lib/errors';
import { bytes, plural } from '../lib/format';
import type { SessionStatus } from '../lib/protocol';
import { openDialog } from '../ui/dialog';

/** What a delete would remove, as the server counts it before removing anything. */
export interface DeletionPreview {
  kind: 'study' | 'session' | 'recording';
  name: string;
  sessions: number;
  notes: number;
  recordings: number;
  recordingBytes: number;
  clips: number;
  shareLinks: number;
  /** Why the server would refuse (a live session), or null. */
  refusal: string | null;
}

const statusLabels: Record<SessionStatus, string> = {
  scheduled: 'Scheduled', live: 'Live', ended: 'Ended', cancelled: 'Cancelled', noShow: 'No-show',
};

export function sessionStatusLabel(status: SessionStatus): string {
  return statusLabels[status] ?? status;
}

/** The preview as a list a person can check: only what is really there, in plain words. */
export function removalItems(p: DeletionPreview): string[] {
  const items: string[] = [];
  if (p.kind === 'study') items.push(plural(p.sessions, 'session'));
  if (p.kind !== 'recording') items.push(plural(p.notes, 'note'));
  items.push(p.recordings === 0 ? 'no recordings' : `${plural(p.recordings, 'recording')} (${bytes(p.recordingBytes)} of video)`);
  if (p.clips > 0) items.push(plural(p.clips, 'exported clip'));
  if (p.kind !== 'recording') items.push(p.shareLinks === 0 ? 'no view-only links' : `${plural(p.shareLinks, 'view-only link')} (they stop working)`);
  return items;
}

/**
 * Asks the server what deleting <previewPath> would remove, shows exactly that, and deletes only when the person
 * confirms. Resolves to true when it was deleted; false when they kept it or the server refused (the dialog says why).
 */
export async function deleteWithPreview(title: string, previewPath: string, deletePath: string, confirmLabel: string): Promise<boolean> {
  let preview: DeletionPreview;
  try {
    preview = await api<DeletionPreview>('GET', previewPath);
  } catch (error) {
    showProblem(title, error);
    return false;
  }
  if (preview.refusal) {
    showProblem(title, preview.refusal);
    return false;
  }
  return new Promise((resolve) => {
    let done = false;
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const confirm = h('button', { type: 'button', class: 'button button-danger', 'data-testid': 'confirm-delete' }, confirmLabel);
    const dialog = openDialog(title, [
      h('p', null, `This removes ${preview.name} for good. It cannot be undone. What will be removed:`),
      h('ul', { class: 'removal-list', 'data-testid': 'removal-list' }, removalItems(preview).map((item) => h('li', null, item))),
      error,
    ], (close) => [
      confirm,
      h('button', { type: 'button', class: 'button button-secondary', autofocus: true, onclick: close }, 'Keep it'),
    ]);
    confirm.addEventListener('click', () => void (async () => {
      confirm.disabled = true;
      confirm.textContent = 'Deleting…';
      try {
        await api('DELETE', deletePath);
        done = true;
        resolve(true);
        dialog.close();
      } catch (e) {
        error.textContent = `Nothing was deleted: ${e instanceof ApiError ? describeError(e) : String(e)}`;
        error.hidden = false;
        confirm.disabled = false;
        confirm.textContent = confirmLabel;
      }
    })());
    dialog.addEventListener('close', () => { if (!done) resolve(false); });
  });
}

function showProblem(title: string, problem: unknown): void {
  const message = typeof problem === 'string' ? problem : problem instanceof ApiError ? describeError(problem) : String(problem);
  openDialog(title, h('p', null, message), (close) => h('button', { type: 'button', class: 'button', autofocus: true, onclick: close }, 'OK'));
}

/**
 * Archive or restore the study (a researcher or owner), and delete it (an owner): an archived study leaves the
 * workspace's main list and takes no new sessions, but keeps everything and can be restored.
 */
export class StudyLifecyclePanel {
  readonly element: HTMLElement;
  private readonly error = h('p', { class: 'field-error', role: 'alert', hidden: true });

  constructor(private readonly study: { id: string; name: string }, archivedAt: string | null,
    isOwner: boolean, private readonly changed: (archivedAt: string | null) => void) {
    const path = `/api/studies/${encodeURIComponent(study.id)}`;
    this.element = h('section', { class: 'panel', 'aria-labelledby': 'study-actions-title' },
      h('h2', { id: 'study-actions-title' }, archivedAt ? 'This study is archived' : 'Archive or delete'),
      h('p', { class: 'muted' }, archivedAt
        ? 'It is listed under “Archived” and takes no new sessions. Its sessions, notes, recordings and report are kept.'
        : 'Archiving hides the study from the main list and stops new sessions; nothing is removed and you can restore it. Deleting removes it for good.'),
      h('div', { class: 'card-actions' },
        h('button', { type: 'button', class: 'button button-secondary', 'data-testid': archivedAt ? 'restore-study' : 'archive-study',
          onclick: () => void this.setArchived(!archivedAt) }, archivedAt ? 'Restore study' : 'Archive study'),
        isOwner ? h('button', { type: 'button', class: 'button button-secondary button-danger-text',
          onclick: () => void this.delete(path) }, 'Delete study…') : null),
      this.error);
  }

  private async setArchived(archive: boolean): Promise<void> {
    this.error.hidden = true;
    try {
      const state = await api<{ archivedAt: string | null }>('POST', `/api/studies/${encodeURIComponent(this.study.id)}/${archive ? 'archive' : 'restore'}`);
      this.changed(state.archivedAt);
      document.querySelector<HTMLElement>(`[data-testid="${archive ? 'restore-study' : 'archive-study'}"]`)?.focus();
    } catch (error) {
      this.error.textContent = error instanceof ApiError ? describeError(error) : String(error);
      this.error.hidden = false;
    }
  }

  private async delete(path: string): Promise<void> {
    if (await deleteWithPreview(`Delete the study “${this.study.name}”?`, `${path}/deletion`, path, 'Delete study')) location.assign('/');
  }
}
