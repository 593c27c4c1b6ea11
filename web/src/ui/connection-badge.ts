import { h } from '../lib/dom';
import { plural } from '../lib/format';
import type { ConnectionState } from '../session/connection';

const labels: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** The connection state, always visible and announced when it changes; with the number of notes really waiting to send. */
export class ConnectionBadge {
  readonly element = h('div', { class: 'connection', role: 'status', 'aria-live': 'polite', 'data-testid': 'connection' });
  private state: ConnectionState = 'connecting';
  private waiting = 0;
  private paused = false;
  private shown = '';

  constructor() {
    this.render();
  }

  set(state: ConnectionState): void {
    this.state = state;
    this.render();
  }

  /**
   * Notes not yet acknowledged. While connected they are on their way, so they are not mentioned: a note sent at
   * once must not make the badge speak twice. Offline, or while the server has asked to wait (`paused`), they wait.
   */
  setWaiting(count: number, paused = false): void {
    this.waiting = count;
    this.paused = paused;
    this.render();
  }

  private render(): void {
    this.element.dataset.state = this.state;
    const detail = this.waiting > 0 && (this.state !== 'connected' || this.paused)
      ? ` · ${plural(this.waiting, 'note')} waiting to send`
      : this.state === 'offline' ? ' · notes are kept and sent when the connection returns' : '';
    // Rewritten only when the words change: a live region set to the same text may read it out again.
    if (labels[this.state] + detail === this.shown) return;
    this.shown = labels[this.state] + detail;
    this.element.replaceChildren(h('span', { class: 'connection-dot', 'aria-hidden': 'true' }), labels[this.state], detail);
  }
}
