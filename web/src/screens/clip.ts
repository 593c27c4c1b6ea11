import { ClipLibrary, describeRecordingError, type ClipRole } from '../clips/clip-library';
import { ClipView } from '../clips/clip-view';
import { ApiError, api } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { capitalize, clock } from '../lib/format';
import type { Study, TokenAccess } from '../lib/protocol';
import { knownSessions, knownStudies } from '../lib/storage';
import { RecordingApiError } from '../recording/RecordingsClient';
import type { Clip } from '../recording/types';
import { errorPanel, loading, renderShell } from '../ui/shell';
import { SharePanel } from './study-share';
import { tagChip } from '../ui/tags';

interface Candidate { token: string; role: ClipRole }

/**
 * /clip/{sessionId}/{noteId}: one note's clip, for a link in a report. The link carries no token; the page uses a
 * link to the session or its study that this browser already holds (a team invite opened here, or the study's
 * owner link), and otherwise says how to get one. A token after # is tried first.
 */
export async function showClipPage(sessionId: string, noteId: string, fragmentToken: string): Promise<void> {
  const main = renderShell({ title: 'Clip', main: loading('Finding the clip…') });
  const candidates: Candidate[] = [];
  /** Why the link this page was opened with does not work, said if no other link in this browser opens the clip. */
  let linkProblem: ApiError | null = null;
  if (fragmentToken) {
    try {
      const access = await api<TokenAccess>('GET', '/api/access', fragmentToken);
      if (access.kind === 'sessionInvite' && access.role === 'participant') {
        return refuse(main, 'Clips are for the research team', 'This link is a participant’s invite: it opens the participant’s own view of the session, not its recordings.');
      }
      const role: ClipRole = access.kind === 'studyOwner' ? 'owner' : access.kind === 'reportShare' ? 'viewer' : access.role === 'moderator' ? 'moderator' : 'observer';
      candidates.push({ token: fragmentToken, role });
    } catch (error) {
      /* An expired or foreign token: the links this browser holds may still work. */
      if (error instanceof ApiError) linkProblem = error;
    }
  }
  candidates.push(...knownSessions().filter((s) => s.sessionId === sessionId).sort((a, b) => Number(b.role === 'moderator') - Number(a.role === 'moderator')),
    ...knownStudies().map((s): Candidate => ({ token: s.ownerToken, role: 'owner' })));

  for (const candidate of candidates) {
    const library = new ClipLibrary(sessionId, candidate.token, candidate.role);
    let clip: Clip;
    try {
      clip = await library.clip(noteId);
    } catch (error) {
      // Another study's owner link, or an expired invite: try the next one this browser holds.
      if (error instanceof RecordingApiError && (error.status === 401 || error.status === 403)) continue;
      return refuse(main, 'This clip cannot be played', describeRecordingError(error),
        error instanceof RecordingApiError && error.code === 'noRecordingCoversNote' ? 'The note exists, but no finished recording of the session shows its moment yet.' : undefined);
    }
    // A view-only link opens the clip, not the session's study.
    const study = candidate.role === 'viewer' ? null : await api<Study>('GET', `/api/sessions/${encodeURIComponent(sessionId)}/study`, candidate.token).catch(() => null);
    return render(main, library, clip, study, candidate.token, candidate.role === 'owner');
  }
  if (linkProblem?.code === 'linkRevoked') return refuse(main, 'This link was turned off', linkProblem.message);
  if (linkProblem?.code === 'tokenExpired') return refuse(main, 'This link has expired', linkProblem.message);
  if (linkProblem?.code === 'invalidToken') {
    return refuse(main, 'This link does not work', `${linkProblem.message} Check that you copied the whole link, or ask whoever sent it for a new one.`);
  }
  refuse(main, 'Open the study first', 'This browser holds no link to this session, so it cannot show the clip. Clips are for the research team.',
    'Open the study’s setup link, or your moderator or observer invite for this session, in this browser; then open this clip link again.');
}

function render(main: HTMLElement, library: ClipLibrary, clip: Clip, study: Study | null, token: string, owner: boolean): void {
  document.title = `Clip at ${clock(clip.noteClockOffsetMs)}${study ? ` · ${study.name}` : ''} · SessionLab`;
  const view = new ClipView(library, { id: clip.noteId, clockOffsetMs: clip.noteClockOffsetMs, text: clip.noteText });
  replaceContent(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, `Clip at ${clock(clip.noteClockOffsetMs)}`),
      study ? h('p', { class: 'lead' }, study.name) : null),
    h('section', { class: 'panel clip-page', 'aria-labelledby': 'clip-note-title' },
      h('h2', { id: 'clip-note-title', class: 'visually-hidden' }, 'The note'),
      h('p', { class: 'note-head' }, h('span', { class: 'note-kind' }, capitalize(clip.noteKind))),
      h('p', { class: 'note-text', 'data-testid': 'clip-note-text' }, clip.noteText),
      clip.tags.length ? h('div', { class: 'note-tags' }, clip.tags.map((t) => tagChip(t, study?.tags ?? []))) : null,
      view.element,
      library.role === 'viewer'
        ? h('p', { class: 'muted small' }, 'A view-only clip, shared by the study’s owner.')
        : h('p', null, h('a', { href: `/summary/${encodeURIComponent(library.sessionId)}#${token}` }, 'Open the session summary'))));
  // The study's owner can send this one clip to someone outside the team, as a view-only link.
  if (owner && study) {
    const share = new SharePanel(study.id, token, { scope: 'clip', sessionId: library.sessionId, noteId: clip.noteId });
    main.append(h('section', { class: 'panel', 'aria-label': 'Share this clip' }, share.element));
    void share.refresh();
  }
  main.querySelector<HTMLElement>('h1')?.focus();
  void view.play();
}

function refuse(main: HTMLElement, title: string, message: string, more?: string): void {
  replaceContent(main, errorPanel(title, message, [more ? h('p', null, more) : null, h('p', null, h('a', { href: '/' }, 'Go to the start page'))]));
  main.querySelector<HTMLElement>('h1')?.focus();
}
