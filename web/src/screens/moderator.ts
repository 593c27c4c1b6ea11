import { h, kbd, replaceContent, uuid } from '../lib/dom';
import { capitalize } from '../lib/format';
import { LIMITS, OUTCOMES, type StudyTask, type TaskOutcome } from '../lib/protocol';
import { load, remove, save } from '../lib/storage';
import { confirmDialog } from '../ui/dialog';
import { attemptSummary, susLine, timerText } from './task-panel';
import type { TeamContext } from './team-context';

interface TaskDraft { outcome: TaskOutcome | null; errors: number; assists: number; comment: string }

const outcomeHelp: Record<TaskOutcome, string> = {
  success: 'met the success criteria',
  partial: 'met them in part, or with help',
  fail: 'did not meet them or gave up',
  skipped: 'not attempted',
};

/** The moderator's console: run the script, mark outcomes, count errors and assists, send SEQ and SUS, end the session. */
export class ModeratorPanel {
  readonly element = h('section', { class: 'panel moderator-panel', 'aria-labelledby': 'console-title' });
  private readonly body = h('div', { class: 'console-body' });
  private timer: HTMLElement | null = null;
  private busy = false;

  constructor(private readonly ctx: TeamContext) {
    this.element.append(h('h2', { id: 'console-title', tabindex: '-1', 'data-focus-fallback': true }, 'Session console'), this.body);
  }

  private get draftKey(): string {
    return `sessionlab:task-draft:${this.ctx.sessionId}:${this.ctx.state.activeTaskId}`;
  }

  private get draft(): TaskDraft {
    return load<TaskDraft>(this.draftKey, { outcome: null, errors: 0, assists: 0, comment: '' });
  }

  private setDraft(change: Partial<TaskDraft>): void {
    save(this.draftKey, { ...this.draft, ...change });
    this.render();
  }

  /** The next task to run: the first in script order that has not been attempted. */
  private get nextTask(): StudyTask | undefined {
    return this.ctx.study.tasks.find((t) => !this.ctx.state.attempt(t.id));
  }

  /** The latest ended task whose SEQ has not been asked or answered. */
  private get seqCandidate(): StudyTask | undefined {
    const { state, study } = this.ctx;
    if (!study.questionnaires.seqAfterEachTask || state.activeTaskId) return undefined;
    const ended = state.attempts.filter((a) => a.endOffsetMs !== null && a.seqRating === null);
    const last = ended[ended.length - 1];
    if (!last || (state.pending?.kind === 'seq' && state.pending.taskId === last.taskId)) return undefined;
    return study.tasks.find((t) => t.id === last.taskId);
  }

  private get canAskSus(): boolean {
    const { state, study } = this.ctx;
    return study.questionnaires.susAtEnd && !state.susResponses && state.pending?.kind !== 'sus' && !state.activeTaskId;
  }

  render(): void {
    const { state, study } = this.ctx;
    const active = state.activeTaskId ? study.tasks.find((t) => t.id === state.activeTaskId) : undefined;
    const parts: (HTMLElement | null)[] = [];
    this.timer = null;
    if (state.status === 'scheduled') {
      parts.push(h('p', null, 'The session has not started. Start it when the participant is ready: the session clock starts now for everyone.'),
        h('div', { class: 'console-action' },
          h('button', { type: 'button', class: 'button', 'data-focus': 'start', 'aria-keyshortcuts': 'S', onclick: () => void this.startSession() }, 'Start session ', kbd('S'))));
    } else if (active) {
      parts.push(this.activeTask(active));
    } else {
      parts.push(...this.betweenTasks());
    }
    if (state.status === 'live') {
      parts.push(h('div', { class: 'console-end' },
        h('button', { type: 'button', class: 'button button-danger', 'data-focus': 'end-session', 'aria-keyshortcuts': 'Shift+E', onclick: () => void this.endSession() }, 'End session ', kbd('Shift+E'))));
    }
    parts.push(h('h3', null, 'Script'), this.script());
    const sus = susLine(this.ctx);
    if (sus) parts.push(h('p', { class: 'sus-line', 'data-testid': 'sus-line' }, sus));
    replaceContent(this.body, parts);
  }

  tick(): void {
    const { state, study } = this.ctx;
    const active = state.activeTaskId ? study.tasks.find((t) => t.id === state.activeTaskId) : undefined;
    const attempt = active ? state.attempt(active.id) : undefined;
    if (this.timer && active && attempt) this.timer.textContent = timerText(this.ctx, active, attempt);
  }

  /** Single-key shortcuts, handled only when focus is not in a text field. Returns true if the key was used. */
  handleKey(e: KeyboardEvent): boolean {
    const { state } = this.ctx;
    const active = state.activeTaskId;
    const key = e.key;
    if (key === 'E' && e.shiftKey) return this.run(() => this.endSession());
    if (key === 's' || key === 'S') {
      if (state.status === 'scheduled') return this.run(() => this.startSession());
      const next = this.nextTask;
      if (state.status === 'live' && !active && next) return this.run(() => this.startTask(next));
      return false;
    }
    if (state.status !== 'live') return false;
    if (active) {
      const index = ['1', '2', '3', '4'].indexOf(key);
      if (index >= 0) {
        this.setDraft({ outcome: OUTCOMES[index]! });
        return true;
      }
      const d = this.draft;
      if (key === 'x') return this.run(() => this.setDraft({ errors: Math.min(LIMITS.counter, d.errors + 1) }));
      if (key === 'X') return this.run(() => this.setDraft({ errors: Math.max(0, d.errors - 1) }));
      if (key === 'a') return this.run(() => this.setDraft({ assists: Math.min(LIMITS.counter, d.assists + 1) }));
      if (key === 'A') return this.run(() => this.setDraft({ assists: Math.max(0, d.assists - 1) }));
      if (key === 'e') return this.run(() => this.endTask());
      return false;
    }
    const seq = this.seqCandidate;
    if (key === 'q' && seq) return this.run(() => this.ask('seq', seq.id));
    if (key === 'u' && this.canAskSus) return this.run(() => this.ask('sus', null));
    return false;
  }

  private run(action: () => unknown): true {
    void action();
    return true;
  }

  private activeTask(task: StudyTask): HTMLElement {
    const { study, state } = this.ctx;
    const attempt = state.attempt(task.id)!;
    const d = this.draft;
    this.timer = h('p', { class: 'timer', 'data-testid': 'task-timer', 'aria-label': 'Time on task' }, timerText(this.ctx, task, attempt));
    const counter = (label: string, field: 'errors' | 'assists', up: string, down: string) => h('div', { class: 'counter', role: 'group', 'aria-labelledby': `counter-${field}` },
      h('span', { id: `counter-${field}`, class: 'counter-label' }, label),
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `${field}-down`, 'aria-label': `One ${field === 'errors' ? 'error' : 'assist'} less`, 'aria-keyshortcuts': `Shift+${down}`,
        onclick: () => this.setDraft({ [field]: Math.max(0, d[field] - 1) }) }, '−'),
      h('output', { class: 'counter-value', 'aria-live': 'polite', 'data-testid': `${field}-count` }, String(d[field])),
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `${field}-up`, 'aria-label': `One more ${field === 'errors' ? 'error' : 'assist'}`, 'aria-keyshortcuts': up,
        onclick: () => this.setDraft({ [field]: Math.min(LIMITS.counter, d[field] + 1) }) }, '+'),
      h('span', { class: 'muted small' }, kbd(up.toLowerCase()), ' / ', kbd(`Shift+${down}`)));
    const comment = h('input', { id: 'task-comment', value: d.comment, maxlength: String(LIMITS.commentLength), autocomplete: 'off', 'data-focus': 'comment' });
    comment.addEventListener('change', () => save(this.draftKey, { ...this.draft, comment: comment.value }));
    comment.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); save(this.draftKey, { ...this.draft, comment: comment.value }); void this.endTask(); }
    });
    return h('div', { class: 'current-task' },
      h('h3', null, `Task ${study.tasks.indexOf(task) + 1} of ${study.tasks.length}: ${task.title}`),
      this.timer,
      h('details', { open: true }, h('summary', null, 'Script and success criteria'),
        h('p', null, h('strong', null, 'Participant sees: '), task.instructions),
        task.successCriteria ? h('p', null, h('strong', null, 'Success criteria: '), task.successCriteria) : null),
      h('div', { class: 'counters' }, counter('Errors', 'errors', 'X', 'X'), counter('Assists', 'assists', 'A', 'A')),
      h('fieldset', { class: 'outcomes' },
        h('legend', null, 'Outcome'),
        OUTCOMES.map((outcome, i) => {
          const id = `outcome-${outcome}`;
          const input = h('input', { type: 'radio', name: 'outcome', id, value: outcome, checked: d.outcome === outcome, 'data-focus': id, 'aria-keyshortcuts': String(i + 1) });
          input.addEventListener('change', () => this.setDraft({ outcome }));
          return h('span', { class: 'outcome-option' }, input, h('label', { for: id }, kbd(String(i + 1)), ' ', capitalize(outcome), h('span', { class: 'muted small' }, ` — ${outcomeHelp[outcome]}`)));
        })),
      h('div', { class: 'field' }, h('label', { for: 'task-comment' }, 'Comment on this attempt (optional)'), comment),
      h('button', { type: 'button', class: 'button', 'data-focus': 'end-task', 'data-focus-fallback': true, 'aria-keyshortcuts': 'E', onclick: () => void this.endTask() }, 'End task ', kbd('E')));
  }

  private betweenTasks(): HTMLElement[] {
    const { state, study } = this.ctx;
    const parts: HTMLElement[] = [];
    if (state.pending) {
      const title = state.pending.taskId ? study.tasks.find((t) => t.id === state.pending!.taskId)?.title : null;
      parts.push(h('p', { class: 'notice', role: 'status' }, state.pending.kind === 'seq' ? `Waiting for the participant’s SEQ answer about “${title}”.` : 'Waiting for the participant’s SUS answers.'));
    }
    const seq = this.seqCandidate;
    if (seq) {
      parts.push(h('button', { type: 'button', class: 'button', 'data-focus': 'ask-seq', 'aria-keyshortcuts': 'Q', onclick: () => void this.ask('seq', seq.id) },
        `Ask the SEQ about “${seq.title}” `, kbd('Q')));
    }
    const next = this.nextTask;
    if (next) {
      parts.push(h('button', { type: 'button', class: seq ? 'button button-secondary' : 'button', 'data-focus': 'start-next', 'aria-keyshortcuts': 'S', onclick: () => void this.startTask(next) },
        `Start task ${study.tasks.indexOf(next) + 1}: ${next.title} `, kbd('S')));
    } else if (state.status === 'live') {
      parts.push(h('p', null, 'Every task has been attempted.'));
    }
    if (this.canAskSus) {
      parts.push(h('button', { type: 'button', class: next ? 'button button-secondary' : 'button', 'data-focus': 'ask-sus', 'aria-keyshortcuts': 'U', onclick: () => void this.ask('sus', null) },
        'Send the SUS ', kbd('U')));
    }
    // After an action, focus lands on the next thing to do.
    parts.find((p) => p instanceof HTMLButtonElement)?.setAttribute('data-focus-fallback', '');
    return parts.map((p) => h('div', { class: 'console-action' }, p));
  }

  private script(): HTMLElement {
    const { state, study } = this.ctx;
    return h('ol', { class: 'task-results', 'data-testid': 'task-results' }, study.tasks.map((task) => {
      const attempt = state.attempt(task.id);
      const canStart = state.status === 'live' && !state.activeTaskId && !attempt;
      return h('li', { 'data-task-id': task.id, class: state.activeTaskId === task.id ? 'is-active' : '' },
        h('span', { class: 'task-title' }, task.title),
        h('span', { class: 'task-result' }, attemptSummary(this.ctx, task)),
        canStart ? h('button', { type: 'button', class: 'button-link', 'data-focus': `start-${task.id}`, 'aria-label': `Start task: ${task.title}`, onclick: () => void this.startTask(task) }, 'Start') : null);
    }));
  }

  private async startSession(): Promise<void> {
    await this.send('StartSession', {}, 'start the session');
  }

  private async startTask(task: StudyTask): Promise<void> {
    if (await this.send('StartTask', { taskId: task.id }, `start “${task.title}”`)) {
      remove(`sessionlab:task-draft:${this.ctx.sessionId}:${task.id}`);
    }
  }

  private async endTask(): Promise<void> {
    const taskId = this.ctx.state.activeTaskId;
    if (!taskId) return;
    const d = this.draft;
    const comment = (document.getElementById('task-comment') as HTMLInputElement | null)?.value ?? d.comment;
    if (!d.outcome) {
      this.ctx.alert('Choose the outcome first: press 1 success, 2 partial, 3 fail or 4 skipped.');
      document.getElementById('outcome-success')?.focus();
      return;
    }
    if (await this.send('EndTask', { taskId, outcome: d.outcome, errors: d.errors, assists: d.assists, comment: comment.trim() || null }, 'end the task')) {
      remove(`sessionlab:task-draft:${this.ctx.sessionId}:${taskId}`);
    }
  }

  private async ask(kind: 'seq' | 'sus', taskId: string | null): Promise<void> {
    await this.send('AskQuestionnaire', { kind, taskId }, kind === 'seq' ? 'send the SEQ' : 'send the SUS');
  }

  private async endSession(): Promise<void> {
    if (this.ctx.state.status !== 'live') return;
    const sure = await confirmDialog('End the session?', 'Everyone sees the summary, and the invite links stop working. This cannot be undone.', 'End session');
    if (sure) await this.send('EndSession', {}, 'end the session');
  }

  private async send(method: string, request: object, what: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      return await this.ctx.command(method, { commandId: uuid(), ...request }, what);
    } finally {
      this.busy = false;
    }
  }
}
