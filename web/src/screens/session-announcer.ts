import { h } from '../lib/dom';
import type { EventEnvelope, SessionJoined, Study } from '../lib/protocol';
import { susScore } from '../session/questionnaires';

/** Lines kept in the region; older ones go (removals are not read out). */
const keptLines = 3;

/**
 * Says what happens to the session in one polite live region, for everyone on the team page, whoever did it: the
 * session going live and ending, tasks starting and ending, questionnaires sent and answered. Notes are not read
 * out: they come too often. A join's replay (the page's first, or a re-join after a reconnect) is history, not news.
 */
export class SessionAnnouncer {
  /** Each sentence is added as a line of its own, so two close together are both read; hence not atomic. */
  readonly element = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'false', 'data-testid': 'session-announcer' });
  private study: Study | null = null;
  private youId: string | null = null;
  /** Events up to this sequence were replayed by a join; none of them is announced. */
  private replayedUpTo = 0;
  /** Events that came while a join was in flight: replay or live, the join's answer says. */
  private held: EventEnvelope[] = [];
  private queue: string[] = [];
  private flushTimer: number | undefined;

  heard(events: EventEnvelope[], joining: boolean): void {
    if (joining) {
      this.held.push(...events);
      return;
    }
    for (const event of events) this.announce(event);
  }

  joined(joined: SessionJoined): void {
    this.study = joined.study;
    this.youId = joined.you.id;
    this.replayedUpTo = Math.max(this.replayedUpTo, joined.headSequence);
    const held = this.held;
    this.held = [];
    for (const event of held) this.announce(event);
  }

  /** Moves the region to a new page (the summary, once the session ends), emptied so nothing old is read again. */
  moveTo(container: HTMLElement): void {
    this.element.replaceChildren();
    container.prepend(this.element);
  }

  say(sentence: string): void {
    this.queue.push(sentence);
    // A moment's wait lets a region that has just been added or moved be known to screen readers before it speaks.
    this.flushTimer ??= window.setTimeout(() => this.flush(), 100);
  }

  private announce(envelope: EventEnvelope): void {
    if (envelope.sequence <= this.replayedUpTo) return;
    const sentence = this.describe(envelope);
    if (sentence) this.say(sentence);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const lines = this.queue.splice(0).map((sentence) => h('p', null, sentence));
    // Only older lines make room: a line removed as it is added would never be read.
    while (this.element.firstElementChild && this.element.childElementCount + lines.length > keptLines) this.element.firstElementChild.remove();
    this.element.append(...lines);
  }

  private describe({ event: e, actor }: EventEnvelope): string | null {
    switch (e.type) {
      case 'sessionStarted': return 'The session is live.';
      case 'sessionEnded': return 'The session has ended.';
      case 'taskStarted': return `Task ${this.taskNumber(e.taskId)}, ${this.taskTitle(e.taskId)}, started.`;
      case 'taskEnded': return `Task ${this.taskNumber(e.taskId)} ended: ${e.outcome}.`;
      case 'questionnaireRequested':
        return e.kind === 'sus' ? 'SUS sent to the participant.' : `SEQ about task ${this.taskNumber(e.taskId)} sent to the participant.`;
      // An answer the moderator recorded aloud is confirmed by the form they used; others hear it here.
      case 'seqAnswered': return actor.id === this.youId ? null : `SEQ about task ${this.taskNumber(e.taskId)} answered: ${e.rating} of 7.`;
      case 'susAnswered': return actor.id === this.youId ? null : `SUS answered: score ${susScore(e.responses).toFixed(1)} of 100.`;
      default: return null;
    }
  }

  private taskNumber(taskId: string | null): string {
    const index = this.study?.tasks.findIndex((t) => t.id === taskId) ?? -1;
    return index < 0 ? String(taskId) : String(index + 1);
  }

  private taskTitle(taskId: string): string {
    return this.study?.tasks.find((t) => t.id === taskId)?.title ?? taskId;
  }
}
