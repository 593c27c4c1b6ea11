import { canCreateStudies, currentMember, type Me, type WorkspaceMembership, type WorkspaceStudy } from '../lib/account';
import { ApiError, api, signInUrl } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { dateTime } from '../lib/format';
import { errorPanel, loading, renderShell, showMember } from '../ui/shell';

/** The start page: the signed-in member's workspaces and their studies; the way to sign in or set up otherwise. */
export async function showHome(): Promise<void> {
  const main = renderShell({ title: 'Home', main: loading('Loading your studies…') });
  let me: Me | null;
  try {
    me = await currentMember();
    if (!me) {
      const setup = await api<{ setupPending: boolean }>('GET', '/api/account/setup', null, undefined, { noSignInRedirect: true });
      if (setup.setupPending) return showSetupPending(main);
      location.assign(signInUrl('/'));
      return;
    }
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
    replaceContent(main, errorPanel('The start page could not be loaded', describeError(e),
      h('p', null, h('button', { type: 'button', class: 'button', onclick: () => location.reload() }, 'Try again'))));
    return;
  }
  showMember(me);
  const sections = await Promise.all(me.workspaces.map((w) => workspaceSection(w)));
  replaceContent(main,
    h('section', { class: 'hero' },
      h('h1', null, 'Usability sessions, together'),
      h('p', { class: 'lead' }, 'The moderator guides a participant through tasks while the team takes timestamped, tagged notes in one shared timeline.')),
    me.workspaces.length === 0
      ? h('section', { class: 'panel' }, h('h2', null, 'No workspace yet'), h('p', null, 'You belong to no workspace. Ask an owner for an invitation link.'))
      : h('ul', { class: 'workspace-list plain-list' }, sections),
    h('section', { class: 'panel', 'aria-labelledby': 'join-title' },
      h('h2', { id: 'join-title' }, 'Joining a session?'),
      h('p', null, 'Open the invite link you were given. It starts with this address and ends in /join# followed by a long code.')));
}

async function workspaceSection(w: WorkspaceMembership): Promise<HTMLElement> {
  const titleId = `workspace-${w.id}-title`;
  let studies: WorkspaceStudy[] | null = null;
  let problem = '';
  try {
    studies = await api<WorkspaceStudy[]>('GET', `/api/workspaces/${encodeURIComponent(w.id)}/studies`);
  } catch (error) {
    problem = `The studies could not be listed: ${error instanceof ApiError ? describeError(error) : String(error)}`;
  }
  return h('li', null, h('section', { class: 'panel', 'aria-labelledby': titleId, 'data-workspace': w.id },
    h('h2', { id: titleId }, w.name),
    h('p', { class: 'muted' }, `Your role: ${w.role}.`,
      w.role === 'viewer' ? ' You can read this workspace’s studies, reports and clips, but not create studies.' : ''),
    h('div', { class: 'card-actions' },
      canCreateStudies(w.role) ? h('a', { class: 'button', href: `/study/new?workspace=${encodeURIComponent(w.id)}` }, 'New study') : null,
      w.role === 'owner' ? h('a', { class: 'button button-secondary', href: `/workspace/${encodeURIComponent(w.id)}` }, 'Members and invitations') : null),
    h('h3', null, 'Studies'),
    problem ? h('p', { class: 'field-error' }, problem)
      : studies!.every((s) => s.archivedAt) ? h('p', { class: 'muted' }, 'No studies yet.')
      : studyList(studies!.filter((s) => !s.archivedAt)),
    // Archived studies stay reachable, folded away under their own heading.
    studies?.some((s) => s.archivedAt)
      ? h('details', { class: 'archived-studies' },
          h('summary', null, `Archived (${studies.filter((s) => s.archivedAt).length})`),
          studyList(studies.filter((s) => s.archivedAt)))
      : null));
}

function studyList(studies: WorkspaceStudy[]): HTMLElement {
  return h('ul', { class: 'link-list' }, studies.map((s) => h('li', null,
    h('a', { href: `/study/${encodeURIComponent(s.id)}` }, s.name),
    h('span', { class: 'muted small' }, s.archivedAt ? ` · archived ${dateTime(s.archivedAt)}` : ` · created ${dateTime(s.createdAt)}`))));
}

function showSetupPending(main: HTMLElement): void {
  replaceContent(main, h('section', { class: 'panel narrow', 'aria-labelledby': 'setup-title' },
    h('h1', { id: 'setup-title' }, 'This server is not set up yet'),
    h('p', null, 'Nobody has an account here yet. When the server started, it printed a one-time setup link in its console (a line with /setup#). Open that link to create the owner account.'),
    h('p', { class: 'muted' }, 'If you started the server with an initial owner configured, sign in with it instead: ', h('a', { href: '/sign-in' }, 'Sign in'), '.')));
}

export function showNotFound(): void {
  renderShell({
    title: 'Page not found',
    main: errorPanel('Page not found', 'There is no page at this address. Invite links look like /join#… and studies open from the start page.',
      h('p', null, h('a', { href: '/' }, 'Go to the start page'))),
  });
}

/** The old /study#token links: studies now open by their id, for members who sign in. */
export function showOldStudyLink(): void {
  renderShell({
    title: 'Study links have changed',
    main: errorPanel('Study links have changed', 'Studies no longer open from a setup link. Sign in and open the study from the start page.',
      h('p', null, h('a', { href: '/' }, 'Go to the start page'))),
  });
}
