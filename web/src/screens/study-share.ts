import { ApiError, api } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { dateTime } from '../lib/format';
import type { SharedLink, ShareScope } from '../lib/protocol';

const expiries = [
  { days: 1, label: '1 day' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
] as const;

/** What a view-only link opens: the whole report, one note's clip, or one tag's highlight reel in one session. */
export type ShareTarget =
  | { scope: Extract<ShareScope, 'report'> }
  | { scope: Extract<ShareScope, 'clip'>; sessionId: string; noteId: string }
  | { scope: Extract<ShareScope, 'highlights'>; sessionId: string; tag: string };

const wording = {
  report: { title: 'Share the report', button: 'Share report', what: 'read the report and play its clips', send: 'read the report' },
  clip: { title: 'Share this clip', button: 'Share clip', what: 'play this clip', send: 'watch the clip' },
  highlights: { title: 'Share this highlight reel', button: 'Share reel', what: 'play this highlight reel', send: 'watch the reel' },
} as const;

/** Each panel's ids are its own, so a page may show several (one per highlight reel). */
let panels = 0;

/** Whether a link opens what the panel shares. */
function opens(link: SharedLink, target: ShareTarget): boolean {
  if (link.scope !== target.scope) return false;
  switch (target.scope) {
    case 'report': return true;
    case 'clip': return link.noteId === target.noteId;
    case 'highlights': return link.sessionId === target.sessionId && (link.tag ?? '').toLowerCase() === target.tag.replace(/^#/, '').toLowerCase();
  }
}

/**
 * View-only links to the report, to one clip or to one highlight reel, for people who did not run the sessions: made with an expiry, listed
 * with when each stops working, and revoked here. The server keeps every link, so the list survives a reload.
 */
export class SharePanel {
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'share-list', 'data-testid': 'share-list' });
  private readonly status = h('p', { class: 'report-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'share-status' });
  private readonly idBase = `share-${++panels}`;
  private readonly days = h('select', { id: `${this.idBase}-days` }, expiries.map((e) => h('option', { value: String(e.days), selected: e.days === 7 }, e.label)));
  private links: SharedLink[] = [];
  /** The link just made, shown first with its copy button focused. */
  private fresh: string | null = null;
  private busy = false;

  /** `heading` is the level of the panel's title where it sits (h3 by default). */
  constructor(private readonly studyId: string, private readonly target: ShareTarget = { scope: 'report' },
    heading: 'h3' | 'h4' = 'h3') {
    const words = wording[target.scope];
    const titleId = `${this.idBase}-title`;
    this.element = h('div', { class: 'share', 'aria-labelledby': titleId, role: 'group', 'data-scope': target.scope },
      h(heading, { id: titleId }, words.title),
      h('p', { class: 'muted' }, `Anyone with the link can ${words.what}, nothing else: not the sessions, not the notes as they are typed, not this page. You can turn a link off at any time.`),
      h('form', { class: 'inline-form share-form', onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.create(); } },
        h('div', { class: 'field' }, h('label', { for: this.days.id }, 'Link works for'), this.days),
        h('button', { type: 'submit', class: 'button' }, words.button)),
      this.status,
      this.list);
  }

  async refresh(): Promise<void> {
    try {
      this.links = await api<SharedLink[]>('GET', `/api/studies/${encodeURIComponent(this.studyId)}/shares`);
      this.render();
    } catch (error) {
      this.say(`The shared links could not be listed: ${this.describe(error)}`, true);
    }
  }

  private async create(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const days = Number(this.days.value);
      const link = await api<SharedLink>('POST', `/api/studies/${encodeURIComponent(this.studyId)}/shares`, null, { ...this.target, expiresInDays: days });
      this.links = [link, ...this.links.filter((l) => l.id !== link.id)];
      this.fresh = link.id;
      this.render();
      this.say(`Link made. It works until ${dateTime(link.expiresAt)}; copy it and send it to whoever should ${wording[this.target.scope].send}.`);
      this.list.querySelector<HTMLElement>(`[data-focus="copy-${CSS.escape(link.id)}"]`)?.focus();
    } catch (error) {
      this.say(`No link was made: ${this.describe(error)}`, true);
    } finally {
      this.busy = false;
    }
  }

  private async revoke(link: SharedLink): Promise<void> {
    try {
      const revoked = await api<SharedLink>('DELETE', `/api/studies/${encodeURIComponent(this.studyId)}/shares/${encodeURIComponent(link.id)}`);
      this.links = this.links.map((l) => (l.id === revoked.id ? revoked : l));
      this.render();
      this.say('Link turned off. Anyone who opens it now is told it was turned off.');
      this.days.focus();
    } catch (error) {
      this.say(`The link is still on: ${this.describe(error)}`, true);
    }
  }

  private render(): void {
    const links = this.links.filter((l) => opens(l, this.target));
    if (links.length === 0) {
      replaceContent(this.list, h('p', { class: 'muted' }, 'No shared links yet.'));
      return;
    }
    replaceContent(this.list, h('ul', { class: 'invites', 'aria-label': 'Shared links' }, links.map((link) => this.row(link))));
  }

  private row(link: SharedLink): HTMLElement {
    const id = `${this.idBase}-${link.id}`;
    const made = dateTime(link.createdAt);
    const state = link.status === 'active'
      ? `Works until ${dateTime(link.expiresAt)}.`
      : link.status === 'expired' ? `Expired ${dateTime(link.expiresAt)}.` : `Turned off ${dateTime(link.revokedAt)}.`;
    if (link.status !== 'active') {
      return h('li', { class: 'invite share-off', 'data-status': link.status },
        h('p', null, h('strong', null, `Link made ${made}`), h('span', { class: 'muted' }, ` — ${state}`)));
    }
    const input = h('input', { id, class: 'invite-url', readonly: true, value: link.url });
    input.addEventListener('focus', () => input.select());
    return h('li', { class: 'invite', 'data-status': link.status, 'data-new': this.fresh === link.id },
      h('label', { for: id }, h('strong', null, `Link made ${made}`), h('span', { class: 'muted' }, ` — ${state}`)),
      h('div', { class: 'invite-copy' }, input,
        h('button', { type: 'button', class: 'button button-small', 'data-focus': `copy-${link.id}`, 'aria-label': `Copy the link made ${made}`,
          onclick: () => void this.copy(input) }, 'Copy'),
        h('button', { type: 'button', class: 'button button-danger button-small', 'data-focus': `revoke-${link.id}`, 'aria-label': `Revoke the link made ${made}`,
          onclick: () => void this.revoke(link) }, 'Revoke')));
  }

  private async copy(input: HTMLInputElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(input.value);
      this.say('Link copied.');
    } catch {
      // Without clipboard access (plain http, or permission refused), select it so Ctrl+C copies.
      input.focus();
      input.select();
      this.say('Link selected: press Ctrl+C to copy it.');
    }
  }

  private say(text: string, error = false): void {
    this.status.classList.toggle('report-status-error', error);
    this.status.textContent = text;
  }

  private describe(error: unknown): string {
    return error instanceof ApiError ? describeError(error) : String(error);
  }
}
