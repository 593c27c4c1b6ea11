import { ClipLibrary, describeRecordingError, type ClipRole } from '../clips/clip-library';
import { ClipView } from '../clips/clip-view';
import { canCreateStudies, currentMember, roleForStudy } from '../lib/account';
import { ApiError, api, signInUrl } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { capitalize, clock } from '../lib/format';
import type { Study, TokenAccess } from '../lib/protocol';
import { knownSessions } from '../lib/storage';
import { RecordingApiError } from '../recording/RecordingsClient';
import type { Clip } from '../recording/types';
import { errorPanel, loading, renderShell, showMember } from '../ui/shell';
import { SharePanel } from './study-share';
import { tagChip } from '../ui/tags';

/** A way to ask for the clip: a link's token, or none for the signed-in member (the cookie). */
interface Candidate { token: string | null; role: ClipRole }

/**
 * /clip/{sessionId}/{noteId}: one note's clip, for a link in a report. The link carries no token: a signed-in member
 * of the study's workspace sees it by their account; otherwise the page uses a team invite to the session that this
 * browser already holds. A token after # (a view-only link, an invite) is tried first.
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
      const role: ClipRole = access.kind === 'reportShare' ? 'viewer' : access.role === 'moderator' ? 'moderator' : 'observer';
      candidates.push({ token: fragmentToken, role });
    } catch (error) {
      /* An expired or foreign token: the links this browser holds may still work. */
      if (error instanceof ApiError) linkProblem = error;
    }
  }
  const me = await currentMember().catch(() => null);
  if (me) {
    showMember(me);
    // The member's role in the study's workspace decides whether they may share or change the clip; the study is
    // found when the clip opens, so the role is settled then.
    candidates.push({ token: null, role: 'observer' });
  }
  candidates.push(...knownSessions().filter((s) => s.sessionId === sessionId).sort((a, b) => Number(b.role === 'moderator') - Number(a.role === 'moderator')));

  for (const candidate of candidates) {
    const library = new ClipLibrary(sessionId, candidate.token, candidate.role);
    let clip: Clip;
    try {
      clip = await library.clip(noteId);
    } catch (error) {
      // Another study's owner link, or an expired invite: try the next one this browser holds.
      if (error instanceof RecordingApiError && (error.status === 401 || error.status === 403)) continue;
      // A study in a workspace the member is not in reads as not found; an invite this browser holds may still open it.
      if (!candidate.token && error instanceof RecordingApiError && error.code === 'studyNotFound') continue;
      return refuse(main, 'This clip cannot be played', describeRecordingError(error),
        error instanceof RecordingApiError && error.code === 'noRecordingCoversNote' ? 'The note exists, but no finished recording of the session shows its moment yet.' : undefined);
    }
    // A view-only link opens the clip, not the session's study.
    const study = candidate.role === 'viewer' ? null
      : await api<Study>('GET', `/api/sessions/${encodeURIComponent(sessionId)}/study`, candidate.token, undefined, { noSignInRedirect: true }).catch(() => null);
    if (!candidate.token && me && study) {
      const role = await roleForStudy(me, study.id);
      if (role && canCreateStudies(role)) return render(main, new ClipLibrary(sessionId, null, 'owner'), clip, study, null, true);
    }
    return render(main, library, clip, study, candidate.token, false);
  }
  if (linkProblem?.code === 'linkRevoked') return refuse(main, 'This link was turned off', linkProblem.message);
  if (linkProblem?.code === 'tokenExpired') return refuse(main, 'This link has expired', linkProblem.message);
  if (linkProblem?.code === 'invalidToken') {
    return refuse(main, 'This link does not work', `${linkProblem.message} Check that you copied the whole link, or ask whoever sent it for a new one.`);
  }
  if (!me) {
    // Clips are for the research team. Nobody is signed in and no invite opens it: say how to get in, with a way
    // back here after signing in (a participant who followed a link is not sent to a sign-in page they cannot use).
    replaceContent(main, errorPanel('Open the study first', 'This browser holds no link to this session, and nobody is signed in, so it cannot show the clip. Clips are for the research team.',
      [h('p', null, h('a', { href: signInUrl() }, 'Sign in'), ' to open it as a member of the study’s workspace, or open your moderator or observer invite for this session in this browser; then open this clip link again.'),
        h('p', null, h('a', { href: '/' }, 'Go to the start page'))]));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  refuse(main, 'This clip is not in your workspaces', 'The session belongs to a study of a workspace you are not a member of. Clips are for the research team.',
    'Ask an owner of that workspace for an invitation, or open your moderator or observer invite for this session in this browser; then open this clip link again.');
}

function render(main: HTMLElement, library: ClipLibrary, clip: Clip, study: Study | null, token: string | null, owner: boolean): void {
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
        : h('p', null, h('a', { href: `/summary/${encodeURIComponent(library.sessionId)}${token ? `#${token}` : ''}` }, 'Open the session summary'))));
  // The study's owner can send this one clip to someone outside the team, as a view-only link.
  if (owner && study) {
    const share = new SharePanel(study.id, { scope: 'clip', sessionId: library.sessionId, noteId: clip.noteId });
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
