import { h } from '../lib/dom';
import { knownStudies } from '../lib/storage';
import { errorPanel, renderShell } from '../ui/shell';

export function showHome(): void {
  const studies = knownStudies();
  renderShell({
    title: 'Home',
    main: [
      h('section', { class: 'hero' },
        h('h1', null, 'Usability sessions, together'),
        h('p', { class: 'lead' }, 'The moderator guides a participant through tasks while the team takes timestamped, tagged notes in one shared timeline.'),
        h('a', { class: 'button', href: '/study/new' }, 'Create a study')),
      h('section', { class: 'panel', 'aria-labelledby': 'known-title' },
        h('h2', { id: 'known-title' }, 'Your studies on this browser'),
        studies.length === 0
          ? h('p', { class: 'muted' }, 'None yet. A study you create here, or open from its setup link, is listed here.')
          : h('ul', { class: 'link-list' }, studies.map((s) => h('li', null, h('a', { href: `/study#${s.ownerToken}` }, s.name))))),
      h('section', { class: 'panel', 'aria-labelledby': 'join-title' },
        h('h2', { id: 'join-title' }, 'Joining a session?'),
        h('p', null, 'Open the invite link you were given. It starts with this address and ends in /join# followed by a long code.')),
    ],
  });
}

export function showNotFound(): void {
  renderShell({
    title: 'Page not found',
    main: errorPanel('Page not found', 'There is no page at this address. Invite links look like /join#… and study links like /study#….',
      h('p', null, h('a', { href: '/' }, 'Go to the start page'))),
  });
}
