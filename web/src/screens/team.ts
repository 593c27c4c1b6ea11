import { ClipLibrary } from '../clips/clip-library';
import { ApiError, api } from '../lib/api';
import { h, kbd, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { capitalize, clock } from '../lib/format';
import { LIMITS, type Actor, type CommandResult, type EventEnvelope, type HubResult, type PresenceEntry, type SessionJoined, type Study } from '../lib/protocol';
import { LiveSession } from '../session/connection';
import { Outbox, type OutboxItem } from '../session/outbox';
import { TeamState } from '../session/team-state';
import { ConnectionBadge } from '../ui/connection-badge';
import { shortcutsDialog, type ShortcutGroup } from '../ui/dialog';
import { PresenceList } from '../ui/presence';
import { onSingleKeyShortcutsChange, singleKeyShortcutsOn } from '../ui/single-key-shortcuts';
import { errorPanel, loading, renderShell, setFavicon } from '../ui/shell';
import { ModeratorPanel } from './moderator';
import { RecordingPanel } from './recording-panel';
import { SessionAnnouncer } from './session-announcer';
import { Composer, KIND_KEYS, Timeline, isShortcutTarget } from './notes';
import { renderSummary, showSummaryPage } from './summary';
import { TaskPanel } from './task-panel';
import type { TeamContext } from './team-context';

/** The moderator's console and the observers' note-taking screen: one live session, seen by the team. */
export async function showTeam(inviteToken: string, sessionId: string, role: 'moderator' | 'observer' = 'observer'): Promise<void> {
  setFavicon(role === 'moderator' ? 'M' : 'O', role === 'moderator' ? '#7e22ce' : '#0f766e');
  const state = new TeamState();
  const badge = new ConnectionBadge();
  const announcer = new SessionAnnouncer();
  let page: TeamPage | null = null;
  let people: PresenceEntry[] = [];
  const session: LiveSession = new LiveSession({
    inviteToken,
    handlers: {
      events: (events: EventEnvelope[]) => {
        state.apply(events);
        announcer.heard(events, session.joining);
      },
      presence: (p: PresenceEntry[]) => { people = p; page?.presence.set(p); },
    },
    onState: (s) => { badge.set(s); page?.connectionChanged(); },
    onJoined: (joined, rejoin) => {
      announcer.joined(joined);
      if (rejoin) page?.rejoined(joined);
    },
    onRejoinRefused: (result) => void page?.rejoinRefused(result),
    onOnline: () => page?.flush(),
  });

  let main = renderShell({ title: 'Joining', main: loading('Connecting to the session…'), status: badge.element });
  let name: string | undefined;
  for (;;) {
    const result = await session.start(name);
    if (result.ok && result.value) {
      page = new TeamPage(inviteToken, result.value, state, session, badge, announcer);
      page.render();
      page.presence.set(people);
      // The name form's button is gone: the note box is what an observer came for.
      if (name !== undefined) page.focusNoteBox();
      return;
    }
    const error = result.error ?? { code: 'unknown', message: 'The session could not be joined.' };
    if (error.code === 'invalidDisplayName') {
      name = await askName(main, role, name === undefined ? null : error.message);
      main = document.getElementById('main')!;
      replaceContent(main, loading('Joining…'));
      continue;
    }
    await session.stop();
    badge.element.remove();
    if (error.code === 'sessionEnded') {
      await showSummaryPage(sessionId, inviteToken);
      return;
    }
    replaceContent(main, errorPanel(error.code === 'tokenExpired' ? 'This link has expired' : 'The session could not be joined', describeError(error)));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
}

function askName(main: HTMLElement, role: 'moderator' | 'observer', problem: string | null): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', { id: 'display-name', required: true, maxlength: String(LIMITS.displayName), autocomplete: 'name', 'aria-describedby': 'name-help' });
    const error = h('p', { class: 'field-error', id: 'name-error', role: 'alert', hidden: !problem }, problem ?? '');
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'name-help name-error');
    }
    replaceContent(main, h('section', { class: 'panel narrow', 'aria-labelledby': 'name-title' },
      h('h1', { id: 'name-title' }, role === 'moderator' ? 'Join as the moderator' : 'Join as an observer'),
      h('form', { onsubmit: (e: SubmitEvent) => {
        e.preventDefault();
        if (!input.value.trim()) {
          error.textContent = 'Enter your name so the team can tell your notes apart.';
          error.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          input.focus();
          return;
        }
        resolve(input.value.trim());
      } },
        h('div', { class: 'field' }, h('label', { for: 'display-name' }, 'Your name'), h('p', { id: 'name-help', class: 'muted small' }, role === 'moderator' ? 'Shown to the team beside your notes and in the session’s records. The participant does not see it.' : 'Shown beside your notes. Only the team sees it.'), error, input),
        h('button', { type: 'submit', class: 'button' }, 'Join session'))));
    input.focus();
  });
}

class TeamPage implements TeamContext {
  readonly study: Study;
  readonly you: Actor;
  readonly sessionId: string;
  readonly outbox: Outbox;
  readonly presence: PresenceList;
  readonly clips: ClipLibrary;
  private skewMs: number;
  private readonly alerts = h('div', { class: 'alerts', role: 'alert', 'data-testid': 'alerts' });
  private readonly composer: Composer;
  private readonly timeline: Timeline;
  private readonly moderatorPanel: ModeratorPanel | null;
  private readonly recordingPanel: RecordingPanel | null;
  private readonly taskPanel: TaskPanel | null;
  private readonly sessionClock = h('span', { class: 'session-clock', 'data-testid': 'session-clock' });
  private readonly sessionStatus = h('span', { class: 'badge' });
  private flushing = false;
  /** The server answered "unavailable": queued notes wait for the retry, even though the connection is up. */
  private sendingPaused = false;
  private retryTimer: number | undefined;
  private readonly rejoinWaiters = new Set<() => void>();
  private ticker: number | undefined;
  private ended = false;
  private stopWatchingKeyHints = () => {};

  constructor(private readonly inviteToken: string, joined: SessionJoined, readonly state: TeamState, readonly session: LiveSession,
    private readonly badge: ConnectionBadge, private readonly announcer: SessionAnnouncer) {
    this.study = joined.study!;
    this.you = joined.you;
    this.sessionId = joined.sessionId;
    this.skewMs = Date.parse(joined.serverTime) - Date.now();
    this.outbox = new Outbox(`sessionlab:outbox:${joined.sessionId}:${joined.you.id}`);
    this.presence = new PresenceList(joined.you.id);
    this.clips = new ClipLibrary(joined.sessionId, inviteToken, joined.you.role === 'moderator' ? 'moderator' : 'observer');
    this.timeline = new Timeline(this);
    this.composer = new Composer(this, () => this.timeline.editLast(), () => this.timeline.focusNewest());
    if (joined.you.role === 'moderator') {
      // A moderator can make an unknown #word a tag on the spot; the study's palette gets it as a new version.
      this.composer.unknownTagActions = (names) => names.map((name) => [' ', h('button', {
        type: 'button', class: 'button-link', onclick: async (event: Event) => {
          const button = event.currentTarget as HTMLButtonElement;
          button.disabled = true;
          // Once the tag is in the palette the hint goes by itself; the announcement says why.
          if (await this.command('AddPaletteTag', { commandId: crypto.randomUUID(), name }, `add #${name} to the palette`)) {
            this.announcer.say(`#${name} is now one of this study’s tags.`);
            this.composer.focus();
          } else {
            button.disabled = false;
          }
        },
      }, `Add #${name} to the palette`)]);
    }
    this.moderatorPanel = joined.you.role === 'moderator' ? new ModeratorPanel(this) : null;
    this.recordingPanel = joined.you.role === 'moderator' ? new RecordingPanel(this, this.clips) : null;
    this.taskPanel = joined.you.role === 'moderator' ? null : new TaskPanel(this);
  }

  clockNow(): number {
    const { startedAt, durationMs, status } = this.state;
    if (status === 'ended' && durationMs !== null) return durationMs;
    return startedAt === null ? 0 : Math.max(0, this.serverNow() - startedAt);
  }

  serverNow(): number {
    return Date.now() + this.skewMs;
  }

  render(): void {
    const role = this.you.role;
    const side = h('div', { class: 'team-side' }, this.moderatorPanel?.element ?? this.taskPanel!.element, this.recordingPanel?.element, this.presence.element);
    const notes = h('div', { class: 'team-notes' }, h('section', { class: 'panel' }, this.composer.element), h('div', { class: 'panel' }, this.timeline.element));
    renderShell({
      title: `${role === 'moderator' ? 'Moderator' : 'Observer'} · ${this.study.name} · ${this.state.participantAlias}`,
      context: [h('span', { class: 'context-study' }, this.study.name), h('span', { class: 'muted' }, ` · Participant ${this.state.participantAlias} · you are ${this.you.displayName}, ${role === 'moderator' ? 'the moderator' : 'an observer'}`)],
      status: [this.recordingPanel?.badge, this.sessionStatus, this.sessionClock, this.badge.element,
        h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-keyshortcuts': '?', onclick: () => this.help() }, 'Shortcuts ', kbd('?'))],
      main: [
        h('h1', { class: 'visually-hidden' }, role === 'moderator' ? 'Moderator console' : 'Note-taking'),
        this.announcer.element,
        this.alerts,
        role === 'moderator'
          ? h('div', { class: 'team-layout' }, side, notes)
          // An observer came to take notes: the note box comes first, and on a phone it is at the top, not 1,100 px down.
          : h('div', { class: 'team-layout team-layout-notes-first' }, notes, side),
      ],
    });
    this.state.onChange((change) => this.stateChanged(change.notes, change.session));
    this.outbox.onChange(() => { this.timeline.update(); this.badge.setWaiting(this.outbox.size, this.sendingPaused); });
    this.badge.setWaiting(this.outbox.size, this.sendingPaused);
    this.stateChanged(new Set(), true);
    document.addEventListener('keydown', this.onKey);
    this.ticker = window.setInterval(() => this.tick(), 1000);
    this.tick();
    this.flush();
    this.clips.onChange(() => this.timeline.update());
    this.clips.watch();
    this.stopWatchingKeyHints = onSingleKeyShortcutsChange(() => this.keyHintsChanged());
    if (this.state.status === 'live') this.composer.focus();
  }

  alert(message: string): () => void {
    const dismiss = () => {
      if (!item.isConnected) return;
      const hadFocus = item.contains(document.activeElement);
      item.remove();
      // Focus was on Dismiss, which is gone: it goes to what the page is for, never to the body.
      if (hadFocus) this.focusMainAction();
    };
    const item = h('p', { class: 'alert' }, message,
      h('button', { type: 'button', class: 'button-link', 'aria-label': 'Dismiss this message', onclick: dismiss }, 'Dismiss'));
    this.alerts.replaceChildren(item);
    return dismiss;
  }

  focusNoteBox(): void {
    this.composer.focus();
  }

  /** The console's next action for the moderator, the note box for an observer (or a console with nothing to do). */
  private focusMainAction(): void {
    if (!this.moderatorPanel?.focusMainAction()) this.composer.focus();
  }

  async command(method: string, request: object, what: string): Promise<boolean> {
    if (!this.session.canSend) {
      this.alert(`You are offline, so this could not ${what}. Try again when the connection returns.`);
      return false;
    }
    let result: CommandResult;
    try {
      result = await this.session.command(method, request);
    } catch {
      // The server may have applied it or not. It applies a commandId at most once, so the same request is sent
      // again once the page has re-joined, and its answer says what happened.
      this.alert(`The connection dropped before the server answered. Trying to ${what} again when it returns…`);
      if (!(await this.whenRejoined(30_000))) {
        this.alert(`The connection has not returned; could not ${what}. Try again when it is back.`);
        return false;
      }
      try {
        result = await this.session.command(method, request);
      } catch {
        this.alert(`The connection dropped again; could not ${what}. Check the session and try again.`);
        return false;
      }
    }
    if (!result.ok) {
      this.alert(`Could not ${what}: ${describeError(result.error!)}`);
      return false;
    }
    this.alerts.replaceChildren();
    return true;
  }

  /** Sends queued note commands one at a time, in order; each keeps its commandId, so a resend is applied at most once. */
  flush(): void {
    if (this.flushing || this.ended) return;
    this.flushing = true;
    void (async () => {
      try {
        while (this.outbox.size > 0 && this.session.canSend) {
          const item = this.outbox.all[0]!;
          let result: CommandResult;
          try {
            result = await this.session.command(item.method, item.request);
          } catch {
            break; // The connection went; the item stays queued for the re-join.
          }
          const unavailable = result.error?.code === 'unavailable';
          if (unavailable !== this.sendingPaused) {
            this.sendingPaused = unavailable;
            this.badge.setWaiting(this.outbox.size, unavailable);
          }
          if (result.ok) {
            this.outbox.remove(item.request.commandId);
          } else if (unavailable) {
            window.clearTimeout(this.retryTimer);
            this.retryTimer = window.setTimeout(() => this.flush(), 3000);
            break;
          } else {
            this.outbox.remove(item.request.commandId);
            this.refused(item, result);
          }
        }
      } finally {
        this.flushing = false;
      }
    })();
  }

  connectionChanged(): void {
    this.composer.updateStatus();
  }

  rejoined(joined: SessionJoined): void {
    this.skewMs = Date.parse(joined.serverTime) - Date.now();
    for (const waiter of [...this.rejoinWaiters]) waiter();
    this.flush();
  }

  /** True once the page can send again after a dropped connection (it has re-joined), false after `ms`. */
  private whenRejoined(ms: number): Promise<boolean> {
    if (this.session.canSend) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (rejoined: boolean) => {
        window.clearTimeout(timer);
        this.rejoinWaiters.delete(waiter);
        resolve(rejoined);
      };
      const waiter = () => done(true);
      const timer = window.setTimeout(() => done(false), ms);
      this.rejoinWaiters.add(waiter);
    });
  }

  /** The re-join after a reconnect was refused: most likely the session ended while this page was away. */
  async rejoinRefused(result: HubResult<SessionJoined>): Promise<void> {
    if (result.error?.code !== 'sessionEnded') {
      this.alert(`The session could not be rejoined: ${describeError(result.error!)}`);
      return;
    }
    try {
      const missed = await api<EventEnvelope[]>('GET', `/api/sessions/${encodeURIComponent(this.sessionId)}/events?after=${this.state.sequence}`, this.inviteToken);
      this.state.apply(missed);
      // What happened meanwhile is history, but the page has just turned into the summary: that is news.
      this.announcer.say('The session has ended.');
    } catch (error) {
      this.alert(`The session has ended, but what happened since the connection dropped could not be loaded: ${error instanceof ApiError ? describeError(error) : String(error)}`);
    }
  }

  private refused(item: OutboxItem, result: CommandResult): void {
    const message = describeError(result.error!);
    if (item.method === 'AddNote') this.composer.restore(item.request.text, `Your note was not saved: ${message}`);
    else this.alert(`Your ${item.method === 'EditNote' ? 'edit' : 'deletion'} was not saved: ${message}`);
  }

  private stateChanged(notes: Set<string>, session: boolean): void {
    if (this.state.status === 'ended') {
      this.showEnded();
      return;
    }
    if (session) {
      // A tag a moderator added on the spot joins this page's palette, so notes may carry it at once.
      for (const tag of this.state.addedTags) {
        if (!this.study.tags.some((t) => t.name.toLowerCase() === tag.name.toLowerCase())) this.study.tags.push(tag);
      }
      this.moderatorPanel?.render();
      this.taskPanel?.render();
      this.composer.updateStatus();
      this.sessionStatus.className = `badge badge-${this.state.status}`;
      this.sessionStatus.textContent = capitalize(this.state.status);
    }
    this.timeline.update(notes);
  }

  private showEnded(): void {
    if (this.ended) return;
    this.ended = true;
    window.clearInterval(this.ticker);
    document.removeEventListener('keydown', this.onKey);
    this.stopWatchingKeyHints();
    void this.session.stop();
    this.clips.stopWatching();
    // A recording still running is finished here; its panel moves to the summary to show the upload completing.
    this.recordingPanel?.sessionEnded();
    const main = renderShell({ title: `Summary · ${this.study.name} · ${this.state.participantAlias}`, context: this.study.name, main: [] });
    renderSummary(main, this.study, this.state, { unsent: this.outbox.all.filter((i) => i.method === 'AddNote'), clips: this.clips, before: this.recordingPanel?.used ? this.recordingPanel.element : null, recordedHere: this.recordingPanel?.recordedHere });
    // The summary replaced the page: the announcer goes with it to say that the session ended.
    this.announcer.moveTo(main);
  }

  /** Key hints and aria-keyshortcuts name single keys only while those work. */
  private keyHintsChanged(): void {
    this.moderatorPanel?.render();
    this.recordingPanel?.keyHintsChanged();
    this.composer.keyHintsChanged();
    this.timeline.update();
  }

  private tick(): void {
    this.sessionClock.textContent = this.state.status === 'scheduled' ? 'Clock 0:00' : `Clock ${clock(this.clockNow())}`;
    this.moderatorPanel?.tick();
    this.recordingPanel?.tick();
    this.taskPanel?.tick();
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (!isShortcutTarget(e)) return;
    if (e.key === '?') { e.preventDefault(); this.help(); return; }
    // ? stays: it opens the list where single-key shortcuts are turned back on (the banner's button does too).
    if (!singleKeyShortcutsOn()) return;
    if (e.key === 'n' || e.key === '/') { e.preventDefault(); this.composer.focus(); return; }
    if (e.key === 'f') { e.preventDefault(); this.timeline.focusFilters(); return; }
    if (e.key === 'c' && this.timeline.playClipShortcut()) { e.preventDefault(); return; }
    if (this.recordingPanel?.handleKey(e) || this.moderatorPanel?.handleKey(e)) e.preventDefault();
  };

  private help(): void {
    const tagKeys = this.study.tags.filter((t) => t.hotkey).map((t): [string, string] => [`Alt+${t.hotkey}`, `Tag #${t.name}`]);
    const groups: ShortcutGroup[] = [
      { title: 'Anywhere (outside text fields)', singleKey: true, keys: [['n', 'Write a note (also /)'], ['f', 'Filter the timeline'], ['c', 'Play the clip of the note in focus']] },
      { title: 'Always', keys: [['?', 'Show these shortcuts']] },
      { title: 'In a clip', keys: [['Esc', 'Close the clip'], ['Space', 'Play or pause (on the video)']] },
      { title: 'In the note box', keys: [['Enter', 'Save the note'], ['Shift+Enter', 'New line'], ['Esc', 'Leave the note box for the newest note'], ['↑', 'Edit your last note (empty box)'],
        ...tagKeys, ...Object.entries(KIND_KEYS).map(([kind, key]): [string, string] => [`Alt+${key}`, `Kind: ${kind}`])] },
    ];
    if (this.moderatorPanel) {
      groups.push({ title: 'Moderator (outside text fields)', singleKey: true, keys: [
        ['s', 'Start the session, then the next task'], ['1', 'Outcome: success'], ['2', 'Outcome: partial'], ['3', 'Outcome: fail'], ['4', 'Outcome: skipped'],
        ['x', 'One more error (Shift+X: one less)'], ['a', 'One more assist (Shift+A: one less)'], ['e', 'End the task'],
        ['q', 'Ask the SEQ about the last task'], ['u', 'Send the SUS'], ['Shift+E', 'End the session'],
        ['r', 'Start recording the screen and microphone'], ['Shift+R', 'Stop recording'],
      ] });
      groups.push({ title: 'Answers given aloud (in their forms)', keys: [
        ['1–7', 'SEQ: choose the rating the participant gave'], ['1–5', 'SUS: answer the statement in focus and move to the next'],
      ] });
    }
    shortcutsDialog(groups);
  }
}
