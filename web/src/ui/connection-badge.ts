import { h } from '../lib/dom';
import { plural } from '../lib/format';
import type { ConnectionState } from '../session/connection';

const labels: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** The connection state, always visible and announced when it changes; with the number of notes waiting to send. */
export class ConnectionBadge {
  readonly element = h('div', { class: 'connection', role: 'status', 'aria-live': 'polite', 'data-testid': 'connection' });
  private state: ConnectionState = 'connecting';
  private waiting = 0;

  constructor() {
    this.render();
  }

  set(state: ConnectionState): void {
    this.state = state;
    this.render();
  }

  setWaiting(count: number): void {
    this.waiting = count;
    this.render();
  }

  private render(): void {
    this.element.dataset.state = this.state;
    const detail = this.waiting > 0
      ? ` · ${plural(this.waiting, 'note')} waiting to send`
      : this.state === 'offline' ? ' · notes are kept and sent when the connection returns' : '';
    this.element.replaceChildren(h('span', { class: 'connection-dot', 'aria-hidden': 'true' }), labels[this.state], detail);
  }
}
