import { h, kbd } from '../lib/dom';
import { load, save } from '../lib/storage';

// WCAG 2.1.4: shortcuts of a single letter, digit or Shift+letter (outside text fields) can be turned off. Speech
// input types words as letters, and a stray key should not end a task. On unless turned off, kept per browser.

const storageKey = 'sessionlab:single-key-shortcuts';
const listeners = new Set<() => void>();

export function singleKeyShortcutsOn(): boolean {
  return load<boolean>(storageKey, true) !== false;
}

export function setSingleKeyShortcuts(on: boolean): void {
  save(storageKey, on);
  notify();
}

/** Called when the setting changes, here or in another tab of this browser. */
export function onSingleKeyShortcutsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('storage', (e) => {
  if (e.key === storageKey) notify();
});

/** A control's key hint, shown only while the key works. */
export function singleKeyHint(keys: string): HTMLElement | null {
  return singleKeyShortcutsOn() ? kbd(keys) : null;
}

/** aria-keyshortcuts for a single-key shortcut, set only while the key works. */
export function singleKeyAttr(keys: string): string | null {
  return singleKeyShortcutsOn() ? keys : null;
}

/** The setting as a labelled checkbox, for the shortcuts dialog. */
export function singleKeySetting(): HTMLElement {
  const input = h('input', { type: 'checkbox', id: 'single-key-shortcuts', checked: singleKeyShortcutsOn(), 'aria-describedby': 'single-key-shortcuts-help' });
  input.addEventListener('change', () => setSingleKeyShortcuts(input.checked));
  return h('div', { class: 'shortcut-setting' },
    h('div', { class: 'check' }, input, h('label', { for: 'single-key-shortcuts' }, 'Single-key shortcuts')),
    h('p', { id: 'single-key-shortcuts-help', class: 'muted small' },
      'Letters, digits and Shift+letter act when focus is not in a text field. Turn them off if you use speech input or press keys by accident; ',
      kbd('?'), ', Alt shortcuts, and the keys inside forms and the note box keep working.'));
}
