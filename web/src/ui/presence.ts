import { h } from '../lib/dom';
import { capitalize } from '../lib/format';
import type { PresenceEntry } from '../lib/protocol';

/** Who is connected now, the participant included (by role only: their alias is for the team's records). */
export class PresenceList {
  readonly element = h('section', { class: 'panel presence', 'aria-labelledby': 'presence-title' });

  constructor(private readonly youId: string) {
    this.set([]);
  }

  set(people: PresenceEntry[]): void {
    this.element.replaceChildren(
      h('h2', { id: 'presence-title' }, `Here now (${people.length})`),
      people.length === 0 ? h('p', { class: 'muted' }, 'Nobody else yet.') :
        h('ul', { class: 'people', 'data-testid': 'presence' }, people.map((p) => h('li', null,
          h('span', { class: `role-dot role-${p.role}`, 'aria-hidden': 'true' }),
          h('span', { class: 'person-name' }, p.displayName, p.actorId === this.youId ? ' (you)' : ''),
          h('span', { class: 'muted' }, ` · ${capitalize(p.role)}${p.connections > 1 ? ` · ${p.connections} tabs` : ''}`)))));
  }
}
