import { h, type Child } from '../lib/dom';

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

export function shortcutsDialog(groups: { title: string; keys: [string, string][] }[]): void {
  openDialog('Keyboard shortcuts',
    groups.map((g) => h('section', null, h('h3', null, g.title),
      h('dl', { class: 'shortcuts' }, g.keys.map(([keys, what]) => [h('dt', null, keys.split(' ').map((k) => h('kbd', null, k))), h('dd', null, what)])))),
    (close) => h('button', { type: 'button', class: 'button', autofocus: true, onclick: close }, 'Close'));
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
