import { currentMember, type Me } from '../lib/account';
import { ApiError, signInUrl } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { dateTime } from '../lib/format';
import { PasskeyError, addPasskey, listPasskeys, passkeysSupported, removePasskey, type Passkey } from '../lib/passkeys';
import { errorPanel, loading, renderShell, showMember } from '../ui/shell';

function message(error: unknown): string {
  return error instanceof ApiError ? describeError(error) : error instanceof Error ? error.message : String(error);
}

/** /account: the signed-in member's own account: who they are, and their passkeys. */
export async function showAccount(): Promise<void> {
  const main = renderShell({ title: 'Your account', main: loading('Loading your account…') });
  let me: Me | null;
  let passkeys: Passkey[];
  try {
    me = await currentMember();
    if (!me) {
      location.assign(signInUrl());
      return;
    }
    passkeys = await listPasskeys();
  } catch (error) {
    replaceContent(main, errorPanel('Your account could not be opened', message(error), h('p', null, h('a', { href: '/' }, 'Go to the start page'))));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  showMember(me);
  new AccountPage(main, me, passkeys).render();
}

class AccountPage {
  private readonly list = h('div', { id: 'passkey-list' });
  private readonly status = h('p', { class: 'passkey-status', role: 'status', id: 'passkey-status' });
  private readonly nameInput = h('input', { id: 'passkey-name', name: 'name', type: 'text', autocomplete: 'off', maxlength: 80, 'aria-describedby': 'passkey-name-help' });
  private readonly addButton = h('button', { type: 'submit', class: 'button' }, 'Add a passkey');

  constructor(
    private readonly main: HTMLElement,
    private readonly me: Me,
    private passkeys: Passkey[],
  ) {}

  render(): void {
    const supported = passkeysSupported();
    const form = h('form', { class: 'account-form', novalidate: true, 'aria-labelledby': 'add-passkey-title' },
      h('h3', { id: 'add-passkey-title' }, 'Add a passkey'),
      h('div', { class: 'field' },
        h('label', { for: 'passkey-name' }, 'Name for this passkey (optional)'),
        h('p', { class: 'field-help', id: 'passkey-name-help' }, 'Such as “Work laptop” or “Phone”, so you can tell your passkeys apart.'),
        this.nameInput),
      h('div', { class: 'form-actions' }, this.addButton));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
    replaceContent(this.main, h('section', { class: 'panel narrow', 'aria-labelledby': 'page-title' },
      h('h1', { id: 'page-title', tabindex: '-1' }, 'Your account'),
      h('p', null, `Signed in as ${this.me.displayName} (${this.me.email}).`),
      h('section', { 'aria-labelledby': 'passkeys-title' },
        h('h2', { id: 'passkeys-title' }, 'Passkeys'),
        h('p', null, 'A passkey signs you in with this device’s screen lock, fingerprint or face, or a security key, instead of your password. Your password keeps working too.'),
        this.list,
        supported ? form : h('p', null, 'This browser cannot make passkeys. Use a recent Chrome, Edge, Firefox or Safari to add one.'),
        this.status)));
    this.renderList();
    this.main.querySelector<HTMLElement>('h1')?.focus();
  }

  private renderList(): void {
    if (this.passkeys.length === 0) {
      replaceContent(this.list, h('p', { class: 'muted' }, 'You have no passkeys yet.'));
      return;
    }
    replaceContent(this.list, h('ul', { class: 'plain-list passkey-list', 'aria-label': 'Your passkeys' },
      this.passkeys.map((p) => h('li', null,
        h('span', { class: 'passkey-name' }, p.name),
        h('span', { class: 'muted small' }, `added ${dateTime(p.createdAt)}`),
        h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Remove the passkey ${p.name}`,
          'data-focus': `remove-${p.id}`, onclick: (e: MouseEvent) => void this.remove(p, e.currentTarget as HTMLButtonElement) }, 'Remove')))));
  }

  private say(text: string, isError = false): void {
    this.status.classList.toggle('passkey-status-error', isError);
    this.status.textContent = text;
  }

  private async add(): Promise<void> {
    if (this.addButton.disabled) return;
    this.addButton.disabled = true;
    this.say('Waiting for your device… Follow your browser’s prompt to make the passkey.');
    try {
      const added = await addPasskey(this.nameInput.value.trim());
      this.passkeys = [...this.passkeys, added];
      this.renderList();
      this.nameInput.value = '';
      this.say(`Passkey “${added.name}” added. Next time, choose “Sign in with a passkey”.`);
    } catch (error) {
      const e = error instanceof PasskeyError ? error : new PasskeyError('server', message(error));
      this.say(e.kind === 'notRecognised' ? `The passkey was not added. ${e.message}` : e.message, true);
    } finally {
      this.addButton.disabled = false;
    }
  }

  private async remove(passkey: Passkey, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await removePasskey(passkey.id);
      this.passkeys = this.passkeys.filter((p) => p.id !== passkey.id);
      this.renderList();
      this.say(`Passkey “${passkey.name}” removed. It no longer signs you in.`);
      // The button is gone: focus goes on to the next thing to do.
      (this.passkeys.length ? this.list.querySelector<HTMLElement>('button') : this.nameInput)?.focus();
    } catch (error) {
      button.disabled = false;
      this.say(`The passkey was not removed. ${message(error)}`, true);
    }
  }
}
