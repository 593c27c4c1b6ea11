import { h, type Child } from '../lib/dom';
import { onSingleKeyShortcutsChange, singleKeySetting, singleKeyShortcutsOn } from './single-key-shortcuts';

/** A modal dialog on the native element: focus moves in, Escape closes, focus returns where it was. */
export function openDialog(title: string, body: Child, actions: (close: () => void) => Child): HTMLDialogElement {
  const previous = document.activeElement as HTMLElement | null;
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
  const close = () => dialog.close();
  dialog.append(h('h2', { id: 'dialog-title' }, title), h('div', { class: 'dialog-body' }, body), h('div', { class: 'dialog-actions' }, actions(close)));
  dialog.addEventListener('close', () => {
    dialog.remove();
    previous?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

export interface ShortcutGroup {
  title: string;
  keys: [string, string][];
  /** Letters, digits or Shift+letter outside text fields: they do nothing while single-key shortcuts are off. */
  singleKey?: boolean;
}

/** The page's keys; with single-key groups, the setting that turns those off, and a word on each group while they are. */
export function shortcutsDialog(groups: ShortcutGroup[]): void {
  const offNotes: HTMLElement[] = [];
  const showSetting = () => { for (const note of offNotes) note.hidden = singleKeyShortcutsOn(); };
  const sections = groups.map((g) => {
    const off = g.singleKey ? h('p', { class: 'shortcuts-off', 'data-testid': 'shortcuts-off' }, 'Off: these keys do nothing while single-key shortcuts are turned off.') : null;
    if (off) offNotes.push(off);
    return h('section', null, h('h3', null, g.title), off,
      h('dl', { class: 'shortcuts' }, g.keys.map(([keys, what]) => [h('dt', null, keys.split(' ').map((k) => h('kbd', null, k))), h('dd', null, what)])));
  });
  const stopWatching = onSingleKeyShortcutsChange(showSetting);
  showSetting();
  const dialog = openDialog('Keyboard shortcuts', [offNotes.length ? singleKeySetting() : null, sections],
    (close) => h('button', { type: 'button', class: 'button', autofocus: true, onclick: close }, 'Close'));
  dialog.addEventListener('close', stopWatching);
}

export function confirmDialog(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const dialog = openDialog(title, h('p', null, message), (close) => [
      h('button', { type: 'button', class: 'button button-danger', onclick: () => { answered = true; resolve(true); close(); } }, confirmLabel),
      h('button', { type: 'button', class: 'button button-secondary', autofocus: true, onclick: close }, 'Cancel'),
    ]);
    dialog.addEventListener('close', () => { if (!answered) resolve(false); });
  });
}
