import { ClipLibrary } from '../clips/clip-library';
import { RecordingUploadForm } from '../clips/recording-upload';
import { ApiError, api } from '../lib/api';
import { h, isTextEntry, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { capitalize, dateTime, duration, plural } from '../lib/format';
import { canCreateStudies, currentMember, placeOfStudy } from '../lib/account';
import type { Invite, Role, SessionSummary, Study } from '../lib/protocol';
import { shortcutsDialog } from '../ui/dialog';
import { singleKeyShortcutsOn } from '../ui/single-key-shortcuts';
import { StudyEditPanel } from './study-edit';
import { FindingsPanel } from './study-findings';
import { ReportPanel } from './study-report';
import { StudyLifecyclePanel, deleteWithPreview, sessionStatusLabel } from './study-lifecycle';
import { announcer, errorPanel, loading, renderShell, showMember } from '../ui/shell';
import { tagChip } from '../ui/tags';

const roles: Role[] = ['moderator', 'observer', 'participant'];
const roleHelp: Record<Role, string> = {
  moderator: 'runs the session: tasks, outcomes, questionnaires',
  observer: 'takes notes; give this one to everyone watching',
  participant: 'sees only the current task and the questionnaires',
};

/** /study/{studyId}: a study of one of the signed-in member's workspaces (the server answers by the cookie). */
export async function showStudy(studyId: string): Promise<void> {
  const main = renderShell({ title: 'Study', main: loading('Loading the study…') });
  let study: Study;
  let sessions: SessionSummary[];
  try {
    [study, sessions] = await Promise.all([
      api<Study>('GET', `/api/studies/${encodeURIComponent(studyId)}`),
      api<SessionSummary[]>('GET', `/api/studies/${encodeURIComponent(studyId)}/sessions`),
    ]);
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
    if (e.code === 'signInRequired') return; // on the way to the sign-in page
    replaceContent(main, errorPanel(e.status === 404 ? 'This study was not found' : 'This study could not be opened',
      e.status === 404 ? `${e.message} It may belong to a workspace you are not a member of.` : describeError(e),
      h('p', null, h('a', { href: '/' }, 'Go to the start page'))));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  const me = await currentMember().catch(() => null);
  if (me) showMember(me);
  // A viewer reads the study; scheduling sessions and making links is for researchers and owners.
  const place = me ? await placeOfStudy(me, study.id) : null;
  const role = place?.role ?? null;
  new StudyPage(main, study, sessions, role === null || canCreateStudies(role), role === 'owner', place?.study.archivedAt ?? null).render();
}

class StudyPage {
  private readonly invites = new Map<string, Invite[]>();
  /** Upload forms by session, kept while the list re-renders so an upload in progress keeps its form. */
  private readonly uploads = new Map<string, RecordingUploadForm>();
  private readonly sessionList = h('div', { class: 'session-list' });
  /** Confirmations (a link copied, invites made, an upload done) are shown as well as announced. */
  private readonly live = announcer('status-toast');
  private readonly alias = h('input', { id: 'new-alias', required: true, maxlength: '80', autocomplete: 'off' });
  private readonly moderator = h('input', { id: 'new-moderator', maxlength: '80', autocomplete: 'off' });
  private readonly when = h('input', { id: 'new-when', type: 'datetime-local' });
  private readonly formError = h('p', { class: 'field-error', role: 'alert', hidden: true });

  constructor(
    private readonly main: HTMLElement,
    private study: Study,
    private sessions: SessionSummary[],
    private readonly canRun: boolean,
    private readonly isOwner: boolean,
    private archivedAt: string | null,
  ) {}

  private keysBound = false;

  /** After an edit the page shows the new version; the edit panel says it was saved and takes focus. */
  private saved(study: Study): void {
    this.study = study;
    this.render(true);
    this.main.querySelector<HTMLElement>('#version-title')?.focus();
  }

  render(justSaved = false): void {
    document.title = `Study · ${this.study.name} · SessionLab`;
    this.alias.value = this.nextAlias();
    const findings = new FindingsPanel(this.study.id, this.study.tags);
    const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.schedule(); } },
      h('div', { class: 'field' }, h('label', { for: 'new-alias' }, 'Participant alias (a pseudonym such as P4)'), this.alias),
      h('div', { class: 'field' }, h('label', { for: 'new-moderator' }, 'Moderator name (optional)'), this.moderator),
      h('div', { class: 'field' }, h('label', { for: 'new-when' }, 'Scheduled for (optional)'), this.when),
      h('button', { type: 'submit', class: 'button' }, 'Schedule session'),
      this.formError);

    replaceContent(this.main,
      h('div', { class: 'page-head' },
        h('h1', null, this.study.name),
        this.study.goal ? h('p', { class: 'lead' }, this.study.goal) : null,
        h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => this.help() }, 'Shortcuts ', h('kbd', null, '?'))),
      h('section', { class: 'panel', 'aria-labelledby': 'sessions-title' },
        h('h2', { id: 'sessions-title' }, 'Sessions'),
        this.sessionList,
        this.canRun && this.archivedAt ? h('p', { class: 'muted' }, 'This study is archived, so it takes no new sessions. Restore it to schedule more.')
          : this.canRun ? [h('h3', null, 'Schedule a session'), form]
          : h('p', { class: 'muted' }, 'Your role in this study’s workspace is viewer: you can read the study, its sessions and report; scheduling sessions and making links is for researchers and owners.')),
      new ReportPanel(this.study.id).element,
      findings.element,
      new StudyEditPanel(this.study, this.canRun, (study) => this.saved(study), () => void showStudy(this.study.id), justSaved).element,
      h('section', { class: 'panel', 'aria-labelledby': 'tasks-title' },
        h('h2', { id: 'tasks-title' }, `Tasks (${this.study.tasks.length})`),
        h('ol', { class: 'task-script' }, this.study.tasks.map((t) => h('li', null,
          h('h3', null, t.title),
          h('p', null, h('strong', null, 'Participant instructions: '), t.instructions),
          t.successCriteria ? h('p', null, h('strong', null, 'Success criteria: '), t.successCriteria) : null,
          t.timeLimitSeconds ? h('p', { class: 'muted' }, `Time limit ${duration(t.timeLimitSeconds * 1000)}`) : null)))),
      h('section', { class: 'panel', 'aria-labelledby': 'palette-title' },
        h('h2', { id: 'palette-title' }, 'Tag palette'),
        this.study.tags.length === 0 ? h('p', { class: 'muted' }, 'No tags.') :
          h('ul', { class: 'palette-list' }, this.study.tags.map((t) => h('li', null, tagChip(t.name, this.study.tags),
            t.hotkey ? h('span', { class: 'muted' }, ' ', h('kbd', null, `Alt+${t.hotkey}`)) : null))),
        h('p', { class: 'muted' }, [
          this.study.questionnaires.seqAfterEachTask ? 'SEQ after each task.' : 'No SEQ.',
          ' ',
          this.study.questionnaires.susAtEnd ? 'SUS at the end.' : 'No SUS.',
        ])),
      this.canRun ? new StudyLifecyclePanel(this.study, this.archivedAt, this.isOwner, (archivedAt) => { this.archivedAt = archivedAt; this.render(); }).element : null,
      this.live.element);
    this.renderSessions();
    void findings.refresh();
    if (this.keysBound) return;
    this.keysBound = true;
    document.addEventListener('keydown', (e) => {
      if (isTextEntry(e.target) || e.altKey || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]')) return;
      if (e.key === '?') { e.preventDefault(); this.help(); }
      if (e.key === 'n' && singleKeyShortcutsOn()) { e.preventDefault(); this.alias.focus(); this.alias.select(); }
    });
  }

  /** "P5" after P1…P4, whatever order they were scheduled in. */
  private nextAlias(): string {
    const numbers = this.sessions.map((s) => /^P(\d+)$/i.exec(s.participantAlias)?.[1]).filter(Boolean).map(Number);
    return `P${Math.max(this.sessions.length, ...numbers) + 1}`;
  }

  private help(): void {
    shortcutsDialog([{ title: 'Study', singleKey: true, keys: [['n', 'Schedule a new session']] }, { title: 'Anywhere', keys: [['?', 'Show these shortcuts']] }]);
  }

  private renderSessions(): void {
    if (this.sessions.length === 0) {
      replaceContent(this.sessionList, h('p', { class: 'muted' }, this.canRun ? 'No sessions yet. Schedule one below, then send each person their link.' : 'No sessions yet.'));
      return;
    }
    replaceContent(this.sessionList, h('ul', { class: 'cards' }, this.sessions.map((s) => {
      const invites = this.invites.get(s.id);
      const headingId = `session-${s.id}`;
      return h('li', { class: 'card', 'aria-labelledby': headingId },
        h('div', { class: 'card-head' },
          h('h3', { id: headingId }, `Participant ${s.participantAlias}`),
          h('span', { class: `badge badge-${s.status}` }, sessionStatusLabel(s.status))),
        h('p', { class: 'muted' },
          `Moderator: ${s.moderatorName} · `,
          s.status === 'scheduled' ? `Scheduled ${s.scheduledFor ? dateTime(s.scheduledFor) : 'any time'}`
            : s.status === 'cancelled' ? 'Cancelled; it did not run'
            : s.status === 'noShow' ? 'The participant did not show up; it did not run'
            : `Started ${dateTime(s.startedAt)}`,
          ` · ${plural(s.noteCount, 'note')} · ${plural(s.tasksAttempted, 'task')} attempted`),
        h('div', { class: 'card-actions' },
          s.status === 'ended'
            ? h('a', { class: 'button', href: `/summary/${encodeURIComponent(s.id)}`, 'data-focus': `summary-${s.id}` }, 'Session summary')
            : !this.canRun || s.status === 'cancelled' || s.status === 'noShow' ? null
            : h('button', { type: 'button', class: 'button button-secondary', 'data-focus': `invites-${s.id}`, 'aria-expanded': String(!!invites),
                onclick: () => void this.toggleInvites(s.id) }, invites ? 'Hide invite links' : 'Invite links'),
          // A file's offset is to the session clock, which starts with the session.
          (s.status === 'live' || s.status === 'ended') && this.canRun
            ? h('button', { type: 'button', class: 'button button-secondary', 'data-focus': `upload-${s.id}`, 'aria-expanded': String(this.uploads.has(s.id)),
                onclick: () => this.toggleUpload(s) }, this.uploads.has(s.id) ? 'Hide recording upload' : 'Upload a recording')
            : null,
          s.status === 'scheduled' && this.canRun ? [
            h('button', { type: 'button', class: 'button button-secondary', 'data-focus': `noshow-${s.id}`,
              onclick: () => void this.callOff(s, true) }, 'Mark no-show'),
            h('button', { type: 'button', class: 'button button-secondary', 'data-focus': `cancel-${s.id}`,
              onclick: () => void this.callOff(s, false) }, 'Cancel session'),
          ] : null,
          s.status !== 'live' && this.canRun
            ? h('button', { type: 'button', class: 'button button-secondary button-danger-text', 'data-focus': `delete-${s.id}`,
                onclick: () => void this.deleteSession(s) }, 'Delete session…')
            : null),
        invites ? h('ul', { class: 'invites', 'aria-label': `Invite links for ${s.participantAlias}` }, invites.map((invite) => this.inviteRow(s, invite))) : null,
        this.uploads.get(s.id)?.element);
    })));
  }

  /** Marks a session that will not run: the participant did not come (no-show) or it was called off. */
  private async callOff(session: SessionSummary, noShow: boolean): Promise<void> {
    try {
      const updated = await api<SessionSummary>('POST', `/api/sessions/${encodeURIComponent(session.id)}/cancel`, null, { noShow });
      this.sessions = this.sessions.map((s) => (s.id === updated.id ? updated : s));
      this.invites.delete(session.id);
      this.renderSessions();
      this.sessionList.querySelector<HTMLElement>(`[data-focus="delete-${CSS.escape(session.id)}"]`)?.focus();
      this.live.say(noShow ? `Participant ${session.participantAlias} is marked as a no-show.` : `The session with ${session.participantAlias} is cancelled.`);
    } catch (error) {
      this.live.say(error instanceof ApiError ? describeError(error) : String(error));
    }
  }

  private async deleteSession(session: SessionSummary): Promise<void> {
    const path = `/api/sessions/${encodeURIComponent(session.id)}`;
    if (!await deleteWithPreview(`Delete the session with ${session.participantAlias}?`, `${path}/deletion`, path, 'Delete session')) return;
    this.sessions = this.sessions.filter((s) => s.id !== session.id);
    this.invites.delete(session.id);
    this.uploads.delete(session.id);
    this.renderSessions();
    this.sessionList.querySelector<HTMLElement>('button, a')?.focus();
    this.live.say(`The session with ${session.participantAlias} is deleted.`);
  }

  private toggleUpload(session: SessionSummary): void {
    if (this.uploads.has(session.id)) {
      this.uploads.delete(session.id);
    } else {
      const clips = new ClipLibrary(session.id, null, 'owner');
      this.uploads.set(session.id, new RecordingUploadForm(clips, () => this.live.say(`The recording of participant ${session.participantAlias} is uploaded.`), 'h4'));
    }
    this.renderSessions();
    const form = this.uploads.get(session.id)?.element;
    (form?.querySelector<HTMLElement>('input[type=file]') ?? this.sessionList.querySelector<HTMLElement>(`[data-focus="upload-${CSS.escape(session.id)}"]`))?.focus();
  }

  private inviteRow(session: SessionSummary, invite: Invite): HTMLElement {
    const id = `invite-${session.id}-${invite.role}`;
    const input = h('input', { id, class: 'invite-url', readonly: true, value: invite.url, 'data-role': invite.role });
    input.addEventListener('focus', () => input.select());
    return h('li', { class: 'invite' },
      h('label', { for: id }, h('strong', null, `${capitalize(invite.role)} link`), h('span', { class: 'muted' }, ` — ${roleHelp[invite.role]}`)),
      h('div', { class: 'invite-copy' }, input,
        h('button', { type: 'button', class: 'button button-small', 'aria-label': `Copy the ${invite.role} link`,
          onclick: () => void this.copy(input, invite.role) }, 'Copy')),
      h('p', { class: 'muted small' }, `Expires ${dateTime(invite.expiresAt)}.`));
  }

  private async toggleInvites(sessionId: string): Promise<void> {
    if (this.invites.has(sessionId)) {
      this.invites.delete(sessionId);
      this.renderSessions();
      return;
    }
    try {
      const created = await Promise.all(roles.map((role) =>
        api<Invite>('POST', `/api/sessions/${encodeURIComponent(sessionId)}/invites`, null, { role })));
      this.invites.set(sessionId, created);
      this.renderSessions();
      this.live.say('Invite links created for the moderator, observers and participant.');
    } catch (error) {
      this.live.say(error instanceof ApiError ? describeError(error) : String(error));
    }
  }

  private async copy(input: HTMLInputElement, role: Role): Promise<void> {
    try {
      await navigator.clipboard.writeText(input.value);
      this.live.say(`${capitalize(role)} link copied.`);
    } catch {
      // Without clipboard access (plain http, or permission refused), select it so Ctrl+C copies.
      input.focus();
      input.select();
      this.live.say(`${capitalize(role)} link selected: press Ctrl+C to copy it.`);
    }
  }

  private async schedule(): Promise<void> {
    this.formError.hidden = true;
    this.alias.removeAttribute('aria-invalid');
    if (!this.alias.value.trim()) {
      this.showFormError('Enter a participant alias, such as P4.');
      return;
    }
    try {
      const created = await api<SessionSummary>('POST', `/api/studies/${encodeURIComponent(this.study.id)}/sessions`, null, {
        participantAlias: this.alias.value.trim(),
        moderatorName: this.moderator.value.trim() || null,
        scheduledFor: this.when.value ? new Date(this.when.value).toISOString() : null,
      });
      this.sessions = [...this.sessions, created];
      this.alias.value = this.nextAlias();
      await this.toggleInvites(created.id);
      this.sessionList.querySelector<HTMLElement>(`#invite-${CSS.escape(created.id)}-moderator`)?.focus();
    } catch (error) {
      this.showFormError(error instanceof ApiError ? describeError(error) : String(error));
    }
  }

  private showFormError(message: string): void {
    this.formError.textContent = message;
    this.formError.hidden = false;
    this.alias.setAttribute('aria-invalid', 'true');
    this.alias.setAttribute('aria-describedby', 'new-alias-error');
    this.formError.id = 'new-alias-error';
    this.alias.focus();
  }
}
