import { currentMember, roleWords, type AuditEntry, type InvitationCreated, type Me, type Member, type ResetLink, type WorkspaceRole } from '../lib/account';
import { ApiError, api, signInUrl } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { capitalize, dateTime } from '../lib/format';
import { announcer, errorPanel, loading, renderShell, showMember } from '../ui/shell';

const roles: WorkspaceRole[] = ['owner', 'researcher', 'viewer'];

function message(error: unknown): string {
  return error instanceof ApiError ? describeError(error) : String(error);
}

/** /workspace/{id}: for its owners, the members and their roles, invitations, password resets and the audit log. */
export async function showWorkspace(workspaceId: string): Promise<void> {
  const main = renderShell({ title: 'Workspace', main: loading('Loading the workspace…') });
  let me: Me | null;
  try {
    me = await currentMember();
  } catch (error) {
    replaceContent(main, errorPanel('The workspace could not be opened', message(error)));
    return;
  }
  if (!me) {
    location.assign(signInUrl());
    return;
  }
  showMember(me);
  const membership = me.workspaces.find((w) => w.id === workspaceId);
  let members: Member[];
  try {
    members = await api<Member[]>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/members`);
  } catch (error) {
    const e = error instanceof ApiError ? error : null;
    replaceContent(main, errorPanel(e?.status === 403 ? 'The member list is for owners' : 'The workspace could not be opened',
      e?.status === 403 ? `Only an owner of ${membership?.name ?? 'this workspace'} manages its members, invitations and audit log. Your role is ${membership?.role ?? 'not an owner'}.` : message(error),
      h('p', null, h('a', { href: '/' }, 'Go to the start page'))));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  new WorkspacePage(main, workspaceId, membership?.name ?? 'Workspace', me, members).render();
}

class WorkspacePage {
  private readonly live = announcer('status-toast');
  private readonly memberList = h('div', { class: 'table-wrap' });
  private readonly auditBody = h('div', { class: 'table-wrap' });
  private readonly inviteResult = h('div', { class: 'invite-result' });
  private readonly inviteError = h('p', { class: 'field-error', id: 'invite-error', hidden: true });
  private readonly resetLinks = new Map<string, ResetLink>();

  constructor(
    private readonly main: HTMLElement,
    private readonly workspaceId: string,
    private readonly name: string,
    private readonly me: Me,
    private members: Member[],
  ) {}

  private get base(): string {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  render(): void {
    document.title = `${this.name} · SessionLab`;
    const role = h('select', { id: 'invite-role', 'aria-describedby': 'invite-role-help' }, roles.map((r) => h('option', { value: r, selected: r === 'researcher' }, capitalize(r))));
    const email = h('input', { id: 'invite-email', type: 'email', autocomplete: 'off', 'aria-describedby': 'invite-email-help' });
    const days = h('input', { id: 'invite-days', type: 'number', min: '1', max: '30', value: '7', inputmode: 'numeric' });
    const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.invite(role.value as WorkspaceRole, email, days); } },
      h('div', { class: 'field' }, h('label', { for: 'invite-role' }, 'Role'), role),
      h('div', { class: 'field' }, h('label', { for: 'invite-email' }, 'E-mail (optional)'),
        h('p', { id: 'invite-email-help', class: 'field-help' }, 'When given, only this address can accept.'), email),
      h('div', { class: 'field field-narrow' }, h('label', { for: 'invite-days' }, 'Days the link works (1–30)'), days),
      h('button', { type: 'submit', class: 'button' }, 'Make an invitation link'),
      this.inviteError);
    replaceContent(this.main,
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, this.name), h('p', { class: 'lead' }, 'Members, invitations and what happened in this workspace.')),
      h('section', { class: 'panel', 'aria-labelledby': 'members-title' }, h('h2', { id: 'members-title' }, 'Members'), this.memberList),
      h('section', { class: 'panel', 'aria-labelledby': 'invite-title' },
        h('h2', { id: 'invite-title' }, 'Invite someone'),
        h('p', { class: 'muted' }, 'Send the link to the person you invite. It works once, until it expires.'),
        h('ul', { id: 'invite-role-help', class: 'field-help' }, roles.map((r) => h('li', null, roleWords[r]))),
        form, this.inviteResult),
      h('section', { class: 'panel', 'aria-labelledby': 'audit-title' },
        h('div', { class: 'findings-head' }, h('h2', { id: 'audit-title' }, 'Audit log'),
          h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => void this.refreshAudit(true) }, 'Refresh the audit log')),
        this.auditBody),
      this.live.element);
    this.renderMembers();
    void this.refreshAudit(false);
  }

  private renderMembers(): void {
    replaceContent(this.memberList, h('table', { class: 'summary-table', 'data-testid': 'members' },
      h('caption', { class: 'visually-hidden' }, 'Members of the workspace'),
      h('thead', null, h('tr', null, ['Member', 'Role', 'Joined', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, this.members.map((m) => this.memberRow(m)))));
  }

  private memberRow(m: Member): HTMLElement {
    const selectId = `role-${m.id}`;
    const select = h('select', { id: selectId, 'data-focus': `role:${m.id}` }, roles.map((r) => h('option', { value: r, selected: r === m.role }, r)));
    const reset = this.resetLinks.get(m.id);
    const you = m.id === this.me.id;
    return h('tr', { 'data-member': m.email },
      h('th', { scope: 'row' }, m.displayName, you ? ' (you)' : '', h('br'), h('span', { class: 'muted small' }, m.email)),
      h('td', null, h('div', { class: 'severity-control' },
        h('label', { for: selectId, class: 'visually-hidden' }, `Role of ${m.displayName}`), select,
        h('button', { type: 'button', class: 'button button-small', 'data-focus': `save-role:${m.id}`, 'aria-label': `Save the role of ${m.displayName}`,
          onclick: () => void this.changeRole(m, select.value as WorkspaceRole) }, 'Save'))),
      h('td', null, dateTime(m.joinedAt)),
      h('td', null, h('div', { class: 'card-actions' },
        h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `reset:${m.id}`, 'aria-label': `Make a password reset link for ${m.displayName}`,
          onclick: () => void this.resetLink(m) }, 'Password reset link'),
        h('button', { type: 'button', class: 'button button-danger button-small', 'data-focus': `remove:${m.id}`, 'aria-label': `Remove ${m.displayName} from the workspace`,
          onclick: () => void this.remove(m) }, 'Remove')),
        reset ? this.copyable(`reset-${m.id}`, `Password reset link for ${m.displayName}`, reset.url, `Works once, until ${dateTime(reset.expiresAt)}.`) : null));
  }

  private copyable(id: string, label: string, url: string, note: string): HTMLElement {
    const input = h('input', { id, class: 'invite-url', readonly: true, value: url });
    input.addEventListener('focus', () => input.select());
    return h('div', { class: 'invite' },
      h('label', { for: id }, h('strong', null, label)),
      h('div', { class: 'invite-copy' }, input,
        h('button', { type: 'button', class: 'button button-small', 'aria-label': `Copy the ${label.toLowerCase()}`, onclick: () => void this.copy(input) }, 'Copy')),
      h('p', { class: 'muted small' }, note));
  }

  private async copy(input: HTMLInputElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(input.value);
      this.live.say('Link copied.');
    } catch {
      input.focus();
      input.select();
      this.live.say('Link selected: press Ctrl+C to copy it.');
    }
  }

  private async changeRole(m: Member, role: WorkspaceRole): Promise<void> {
    if (role === m.role) return this.live.say(`${m.displayName} is already ${role}.`);
    try {
      const updated = await api<Member>('PUT', `${this.base}/members/${encodeURIComponent(m.id)}`, null, { role });
      this.members = this.members.map((x) => (x.id === m.id ? { ...x, ...updated } : x));
      this.renderMembers();
      this.live.say(`${m.displayName} is now ${updated.role ?? role}.`);
      void this.refreshAudit(false);
    } catch (error) {
      this.renderMembers();
      this.live.say(`The role of ${m.displayName} was not changed: ${message(error)}`);
    }
  }

  private async remove(m: Member): Promise<void> {
    if (!window.confirm(`Remove ${m.displayName} from ${this.name}? They lose access to its studies.`)) return;
    try {
      await api<void>('DELETE', `${this.base}/members/${encodeURIComponent(m.id)}`);
      this.members = this.members.filter((x) => x.id !== m.id);
      this.renderMembers();
      this.memberList.querySelector<HTMLElement>('select, button')?.focus();
      this.live.say(`${m.displayName} was removed from the workspace.`);
      void this.refreshAudit(false);
    } catch (error) {
      this.live.say(`${m.displayName} was not removed: ${message(error)}`);
    }
  }

  private async resetLink(m: Member): Promise<void> {
    try {
      const link = await api<ResetLink>('POST', `${this.base}/members/${encodeURIComponent(m.id)}/password-reset`);
      this.resetLinks.set(m.id, link);
      this.renderMembers();
      this.memberList.querySelector<HTMLElement>(`#reset-${CSS.escape(m.id)}`)?.focus();
      this.live.say(`A password reset link for ${m.displayName} is ready. Send it to them.`);
      void this.refreshAudit(false);
    } catch (error) {
      this.live.say(`No reset link was made: ${message(error)}`);
    }
  }

  private async invite(role: WorkspaceRole, email: HTMLInputElement, days: HTMLInputElement): Promise<void> {
    this.inviteError.hidden = true;
    for (const el of [email, days]) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-errormessage'); }
    const n = Number(days.value);
    const fail = (field: HTMLInputElement, text: string) => {
      this.inviteError.textContent = text;
      this.inviteError.hidden = false;
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-errormessage', 'invite-error');
      field.focus();
    };
    if (!Number.isInteger(n) || n < 1 || n > 30) return fail(days, 'Choose between 1 and 30 days.');
    if (email.value.trim() && !/^[^@\s]+@[^@\s]+$/.test(email.value.trim())) return fail(email, 'Enter an e-mail address, such as name@example.com, or leave it empty.');
    try {
      const created = await api<InvitationCreated>('POST', `${this.base}/invitations`, null, { role, email: email.value.trim() || null, expiresInDays: n });
      replaceContent(this.inviteResult, this.copyable('invite-url', `Invitation link for a ${created.role}`, created.url,
        `${created.email ? `Only ${created.email} can accept it. ` : ''}Works once, until ${dateTime(created.expiresAt)}.`));
      this.inviteResult.querySelector<HTMLElement>('#invite-url')?.focus();
      this.live.say(`Invitation link for a ${created.role} made. Copy it and send it.`);
      void this.refreshAudit(false);
    } catch (error) {
      const e = error instanceof ApiError ? error : null;
      const fields = e ? Object.values(e.fieldErrors).flat().join(' ') : '';
      fail(email, fields || message(error));
    }
  }

  private async refreshAudit(announce: boolean): Promise<void> {
    try {
      const entries = await api<AuditEntry[]>('GET', `${this.base}/audit`);
      replaceContent(this.auditBody, entries.length === 0 ? h('p', { class: 'muted' }, 'Nothing yet.') : h('table', { class: 'summary-table', 'data-testid': 'audit' },
        h('caption', { class: 'visually-hidden' }, 'Audit log, newest first'),
        h('thead', null, h('tr', null, ['When', 'Who', 'What', 'Whom', 'Details'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, entries.map((a) => h('tr', null,
          h('td', null, dateTime(a.at)), h('td', null, a.actor), h('td', null, a.action), h('td', null, a.target ?? ''), h('td', null, a.detail ?? ''))))));
      if (announce) this.live.say('Audit log refreshed.');
    } catch (error) {
      replaceContent(this.auditBody, h('p', { class: 'field-error' }, `The audit log could not be loaded: ${message(error)}`));
    }
  }
}
