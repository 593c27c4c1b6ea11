import { ApiError, api } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import type { TokenAccess } from '../lib/protocol';
import { rememberSession } from '../lib/storage';
import { errorPanel, loading, renderShell } from '../ui/shell';

/** An invite link: find out which role it grants, then load only that role's screen. */
export async function showJoin(token: string): Promise<void> {
  const main = renderShell({ title: 'Joining', homeLink: false, main: loading('Opening the session…') });
  if (!token) {
    replaceContent(main, errorPanel('This link is incomplete', 'The part after # is missing. Copy the whole invite link and open it again.'));
    return;
  }
  let access: TokenAccess;
  try {
    access = await api<TokenAccess>('GET', '/api/access', token);
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
    const title = e.code === 'tokenExpired' ? 'This link has expired' : e.code === 'network' ? 'The server could not be reached' : 'This link does not work';
    replaceContent(main, errorPanel(title, describeError(e),
      e.code === 'network' ? h('p', null, h('button', { type: 'button', class: 'button', onclick: () => location.reload() }, 'Try again')) : null));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  if (access.kind !== 'sessionInvite' || !access.sessionId || !access.role) {
    replaceContent(main, errorPanel('This is not a session invite', 'It is a view-only link: it opens a shared report or clip, not a session.',
      h('p', null, h('a', { href: `/shared#${token}` }, 'Open what was shared'))));
    return;
  }
  if (access.role === 'participant') {
    await (await import('./participant')).showParticipant(token);
  } else {
    rememberSession({ sessionId: access.sessionId, role: access.role, token });
    await (await import('./team')).showTeam(token, access.sessionId, access.role);
  }
}
