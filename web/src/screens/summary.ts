import { ClipLibrary, type ClipRole } from '../clips/clip-library';
import { canCreateStudies, currentMember, roleForStudy, type Me } from '../lib/account';
import { ApiError, api } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { capitalize, dateTime, duration, plural } from '../lib/format';
import type { EventEnvelope, Study, TokenAccess } from '../lib/protocol';
import type { OutboxItem } from '../session/outbox';
import { SUS_ITEMS, SUS_SCALE, susScore } from '../session/questionnaires';
import { TeamState } from '../session/team-state';
import { errorPanel, loading, renderShell, showMember } from '../ui/shell';
import { NotesByTag } from './summary-notes';
import { RecordingsSection } from './summary-recordings';

/**
 * /summary/{sessionId}: an ended (or running) session read over HTTP by a signed-in member of its study's workspace
 * (the cookie), or with a moderator's or observer's invite after # (/summary/{sessionId}#token).
 */
export async function showSummaryPage(sessionId: string, token: string): Promise<void> {
  const main = renderShell({ title: 'Session summary', main: loading('Loading the session…') });
  try {
    const path = `/api/sessions/${encodeURIComponent(sessionId)}`;
    const link = token || null;
    const [study, events, access, me] = await Promise.all([
      api<Study>('GET', `${path}/study`, link), api<EventEnvelope[]>('GET', `${path}/events?after=0`, link),
      link ? api<TokenAccess>('GET', '/api/access', link).catch(() => null) : Promise.resolve(null),
      currentMember().catch(() => null)]);
    const state = new TeamState();
    state.apply(events);
    document.title = `Summary · ${study.name} · ${state.participantAlias} · SessionLab`;
    if (me) showMember(me);
    // Unknown access reads as an observer's: the page offers nothing the server would refuse to a watcher.
    const memberRole = !link && me ? await roleForStudy(me, study.id) : null;
    const role: ClipRole = memberRole && canCreateStudies(memberRole) ? 'owner' : access?.role === 'moderator' ? 'moderator' : 'observer';
    const clips = new ClipLibrary(sessionId, link, role);
    renderSummary(main, study, state, { clips, member: me, canShare: role === 'owner' });
    void clips.refresh();
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
    if (e.code === 'signInRequired') return; // on the way to the sign-in page
    replaceContent(main, errorPanel('The summary could not be opened', describeError(e)));
  }
}

export interface SummaryOptions {
  unsent?: OutboxItem[];
  /** The session's recordings; without it the summary has no clips. */
  clips?: ClipLibrary;
  /** Shown first: the moderator's recording panel while its upload finishes. */
  before?: HTMLElement | null;
  /** Recordings this page recorded itself, never offered as interrupted. */
  recordedHere?: ReadonlySet<string>;
  /** The signed-in member, who gets a way back to the study and its report; null for nobody, left out to ask the server. */
  member?: Me | null;
  /** Whether the member may share a highlight reel as a view-only link (a researcher or owner of the study's workspace). */
  canShare?: boolean;
}

/** Tasks, outcomes, times, SEQ and SUS, and every note grouped by tag. */
export function renderSummary(main: HTMLElement, study: Study, state: TeamState, options: SummaryOptions): void {
  const notes = [...state.notes.values()].sort((a, b) => a.clockOffsetMs - b.clockOffsetMs || a.sequence - b.sequence);
  const reportSlot = h('p', { class: 'report-link' });
  const unsent = options.unsent ?? [];
  replaceContent(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', 'data-focus-fallback': true }, `Session summary: participant ${state.participantAlias}`),
      h('p', { class: 'lead' }, study.name),
      h('p', { class: 'muted' },
        `${capitalize(state.status)} · moderated by ${state.moderatorName}`,
        state.startedAt ? ` · started ${dateTime(new Date(state.startedAt).toISOString())}` : '',
        state.durationMs !== null ? ` · lasted ${duration(state.durationMs)}` : ''),
      reportSlot),
    options.before ?? null,
    unsent.length ? h('section', { class: 'panel panel-error', role: 'alert', 'aria-labelledby': 'unsent-title' },
      h('h2', { id: 'unsent-title' }, `${plural(unsent.length, 'note')} could not be sent before the session ended`),
      h('p', null, 'They are listed here so you can copy them; the session no longer takes notes.'),
      h('ul', null, unsent.map((i) => h('li', null, i.method === 'AddNote' ? i.request.text : '')))) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'tasks-title' },
      h('h2', { id: 'tasks-title' }, 'Tasks'),
      // Scrolls sideways on a phone, so it takes focus: the keyboard can scroll it too.
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'tasks-title' }, h('table', { class: 'summary-table', 'data-testid': 'summary-tasks' },
        h('thead', null, h('tr', null, ['Task', 'Outcome', 'Time on task', 'Errors', 'Assists', 'SEQ (1–7)'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, study.tasks.map((task, i) => {
          const a = state.attempt(task.id);
          return h('tr', { 'data-task-id': task.id },
            h('th', { scope: 'row' }, `${i + 1}. ${task.title}`),
            h('td', null, a ? capitalize(a.outcome ?? 'not ended') : 'Not attempted'),
            h('td', null, a && a.endOffsetMs !== null ? duration(a.endOffsetMs - a.startOffsetMs) : '—'),
            h('td', null, a ? String(a.errors) : '—'),
            h('td', null, a ? String(a.assists) : '—'),
            h('td', null, a?.seqRating != null ? String(a.seqRating) : '—', a?.seqComment ? h('span', { class: 'muted' }, ` “${a.seqComment}”`) : null));
        }))))),
    h('section', { class: 'panel', 'aria-labelledby': 'sus-title' },
      h('h2', { id: 'sus-title' }, 'System Usability Scale'),
      state.susResponses
        ? [h('p', { class: 'big-number', 'data-testid': 'sus-score' }, `${susScore(state.susResponses).toFixed(1)}`, h('span', { class: 'muted' }, ' of 100')),
           h('details', null, h('summary', null, 'Answers to each item'),
             h('ol', null, SUS_ITEMS.map((item, i) => h('li', null, `${item} — `, h('strong', null, SUS_SCALE[(state.susResponses![i] ?? 1) - 1] ?? ''))))) ]
        : h('p', { class: 'muted' }, study.questionnaires.susAtEnd ? 'Not answered.' : 'This study does not use the SUS.')),
    options.clips ? new RecordingsSection(options.clips, options.recordedHere).element : null,
    h('section', { class: 'panel', 'aria-labelledby': 'notes-title' },
      h('h2', { id: 'notes-title' }, `Notes by tag (${notes.length})`),
      new NotesByTag(study, notes, options.clips ?? null, !!options.canShare).element));
  main.querySelector<HTMLElement>('h1')?.focus();
  if (options.member) void offerReport(study, reportSlot);
  // The live session's page turns into this summary without knowing who is signed in: ask, for the links.
  else if (options.member === undefined) void currentMember().then((me) => me && offerReport(study, reportSlot)).catch(() => undefined);
}

/**
 * For a signed-in member: the way back to the study, and its report when the server has one for them. The report
 * opens from a blob, so a refusal never shows as a bare error page.
 */
async function offerReport(study: Study, slot: HTMLElement): Promise<void> {
  slot.append(h('a', { href: `/study/${encodeURIComponent(study.id)}` }, 'Back to the study'));
  try {
    const response = await fetch(`/api/studies/${encodeURIComponent(study.id)}/report?format=html`);
    if (!response.ok || !(response.headers.get('Content-Type') ?? '').includes('text/html')) return;
    const url = URL.createObjectURL(await response.blob());
    slot.append(' · ', h('a', { href: url, target: '_blank', rel: 'noopener' }, 'Open the study report'));
  } catch {
    /* No report yet: nothing to link. */
  }
}
