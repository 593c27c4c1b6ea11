import { changeText, h, isTextEntry, kbd, replaceContent, uuid } from '../lib/dom';
import { describeError } from '../lib/errors';
import { capitalize } from '../lib/format';
import { LIMITS, OUTCOMES, type CommandResult, type StudyTask, type TaskOutcome } from '../lib/protocol';
import { load, remove, save } from '../lib/storage';
import { answerSusByKeyboard, SEQ_HIGH, SEQ_LOW, SEQ_QUESTION, SUS_ITEMS, SUS_SCALE, susScore } from '../session/questionnaires';
import { confirmDialog, openDialog } from '../ui/dialog';
import { singleKeyAttr, singleKeyHint, singleKeyShortcutsOn } from '../ui/single-key-shortcuts';
import { attemptSummary, susLine, timerText } from './task-panel';
import type { TeamContext } from './team-context';

interface TaskDraft { outcome: TaskOutcome | null; errors: number; assists: number; comment: string }

const outcomeHelp: Record<TaskOutcome, string> = {
  success: 'met the success criteria',
  partial: 'met them in part, or with help',
  fail: 'did not meet them or gave up',
  skipped: 'not attempted',
  abandoned: 'the session ended while it ran',
};

/** What ending a session does to the links: said the same way whether or not a task is running. */
const ENDING_SAYS = 'Everyone sees the summary. The participant’s link stops working; your link and the observers’ links keep opening the session’s summary and notes. This cannot be undone.';

/**
 * Asks how the running task went before the session ends: an outcome, or abandoned. Resolves with the choice, or null
 * when the moderator cancels. The outcome they had marked in the console is chosen already.
 */
function endWithRunningTaskDialog(task: StudyTask, number: number, marked: TaskOutcome | null): Promise<TaskOutcome | null> {
  return new Promise((resolve) => {
    let answered = false;
    const choices: TaskOutcome[] = [...OUTCOMES, 'abandoned'];
    const help: Record<TaskOutcome, string> = { ...outcomeHelp, abandoned: 'the session ends before the task did; no outcome is counted' };
    const fieldset = h('fieldset', { class: 'outcomes' },
      h('legend', null, `How did task ${number}, “${task.title}”, go?`),
      choices.map((outcome) => {
        const id = `end-outcome-${outcome}`;
        return h('span', { class: 'outcome-option' },
          h('input', { type: 'radio', name: 'end-outcome', id, value: outcome, checked: outcome === (marked ?? 'abandoned') }),
          h('label', { for: id }, capitalize(outcome), h('span', { class: 'muted small' }, ` — ${help[outcome]}`)));
      }));
    const dialog = openDialog('End the session while a task runs?', [
      h('p', { class: 'notice', 'data-testid': 'running-task-warning' }, `Task ${number}, “${task.title}”, is still running. It ends with the session: mark how it went, or record it as abandoned.`),
      fieldset,
      h('p', null, ENDING_SAYS),
    ], (close) => [
      h('button', { type: 'button', class: 'button button-danger', onclick: () => {
        answered = true;
        resolve((fieldset.querySelector<HTMLInputElement>('input[name=end-outcome]:checked')?.value as TaskOutcome | undefined) ?? 'abandoned');
        close();
      } }, 'End task and session'),
      h('button', { type: 'button', class: 'button button-secondary', autofocus: true, onclick: close }, 'Cancel'),
    ]);
    dialog.addEventListener('close', () => { if (!answered) resolve(null); });
  });
}

/** The moderator's console: run the script, mark outcomes, count errors and assists, send SEQ and SUS, end the session. */
export class ModeratorPanel {
  readonly element = h('section', { class: 'panel moderator-panel', 'aria-labelledby': 'console-title' });
  private readonly body = h('div', { class: 'console-body' });
  private timer: HTMLElement | null = null;
  private busy = false;
  /** Says what was recorded aloud; kept outside the body so a re-render does not announce it again. */
  private readonly recordStatus = h('p', { class: 'record-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'record-status' });
  /** The "given aloud" forms keep what was filled in (and their commandIds) across re-renders caused by other events. */
  private seqAloud = { open: false, taskId: null as string | null, rating: 0, comment: '', error: '', commandId: uuid() };
  private susAloud = { open: false, responses: SUS_ITEMS.map(() => 0), error: '', commandId: uuid() };
  /** The counts are kept and only their text changes: a live region replaced on each change is likely never read. */
  private readonly counts: Record<'errors' | 'assists', HTMLOutputElement> = {
    errors: h('output', { class: 'counter-value', 'aria-live': 'polite', 'data-testid': 'errors-count' }),
    assists: h('output', { class: 'counter-value', 'aria-live': 'polite', 'data-testid': 'assists-count' }),
  };
  /** Removes "Choose the outcome first" once an outcome is chosen. */
  private dismissOutcomeAlert: (() => void) | null = null;

  constructor(private readonly ctx: TeamContext) {
    this.element.append(h('h2', { id: 'console-title', tabindex: '-1', 'data-focus-fallback': true }, 'Session console'), this.body, this.recordStatus);
  }

  private get draftKey(): string {
    return `sessionlab:task-draft:${this.ctx.sessionId}:${this.ctx.state.activeTaskId}`;
  }

  private get draft(): TaskDraft {
    return load<TaskDraft>(this.draftKey, { outcome: null, errors: 0, assists: 0, comment: '' });
  }

  private setDraft(change: Partial<TaskDraft>): void {
    save(this.draftKey, { ...this.draft, ...change });
    this.showDraft();
  }

  /** Shows the draft in place, without a re-render: the counts keep their elements, and focus stays where it is. */
  private showDraft(): void {
    const d = this.draft;
    for (const field of ['errors', 'assists'] as const) changeText(this.counts[field], String(d[field]));
    for (const input of this.body.querySelectorAll<HTMLInputElement>('input[name=outcome]')) input.checked = input.value === d.outcome;
  }

  private count(field: 'errors' | 'assists', change: number): void {
    this.setDraft({ [field]: Math.min(LIMITS.counter, Math.max(0, this.draft[field] + change)) });
  }

  private chooseOutcome(outcome: TaskOutcome): void {
    this.setDraft({ outcome });
    this.dismissOutcomeAlert?.();
    this.dismissOutcomeAlert = null;
    // A key chose it while another outcome had focus: focus follows the choice, so arrows and Space go on from there.
    const focused = document.activeElement;
    if (focused instanceof HTMLInputElement && focused.name === 'outcome') document.getElementById(`outcome-${outcome}`)?.focus();
  }

  /** Focuses the console's next thing to do (Start session, End task, the next task…); false if there is none. */
  focusMainAction(): boolean {
    const action = this.body.querySelector<HTMLElement>('button[data-focus-fallback]') ?? this.body.querySelector<HTMLElement>('.console-action button');
    action?.focus();
    return !!action;
  }

  /** The next task to run: the first in script order that has not been attempted. */
  private get nextTask(): StudyTask | undefined {
    return this.ctx.study.tasks.find((t) => !this.ctx.state.attempt(t.id));
  }

  /**
   * The latest ended task whose SEQ has not been asked or answered. The server sends one questionnaire at a time, so
   * none is offered while the participant has one to answer.
   */
  private get seqCandidate(): StudyTask | undefined {
    const { state, study } = this.ctx;
    if (!study.questionnaires.seqAfterEachTask || state.activeTaskId || state.pending) return undefined;
    const ended = state.attempts.filter((a) => a.endOffsetMs !== null && a.seqRating === null);
    const last = ended[ended.length - 1];
    if (!last) return undefined;
    return study.tasks.find((t) => t.id === last.taskId);
  }

  /** Ended tasks without an SEQ rating, asked or not: the moderator may record the answer given aloud. */
  private get seqUnrated(): StudyTask[] {
    const { state, study } = this.ctx;
    if (state.status !== 'live' || !study.questionnaires.seqAfterEachTask) return [];
    const ids = new Set(state.attempts.filter((a) => a.endOffsetMs !== null && a.seqRating === null).map((a) => a.taskId));
    return study.tasks.filter((t) => ids.has(t.id));
  }

  /**
   * The SUS asks about the whole experience, so it is offered once at least one task has ended, never from minute 0
   * (the server would still take it: a moderator may have good reason).
   */
  private get susDue(): boolean {
    const { state, study } = this.ctx;
    return study.questionnaires.susAtEnd && !state.susResponses && !state.activeTaskId && state.attempts.some((a) => a.endOffsetMs !== null);
  }

  private get canRecordSus(): boolean {
    return this.ctx.state.status === 'live' && this.susDue;
  }

  private get canAskSus(): boolean {
    return this.susDue && !this.ctx.state.pending;
  }

  render(): void {
    const { state, study } = this.ctx;
    const active = state.activeTaskId ? study.tasks.find((t) => t.id === state.activeTaskId) : undefined;
    const parts: (HTMLElement | null)[] = [];
    this.timer = null;
    if (state.status === 'scheduled') {
      parts.push(h('p', null, 'The session has not started. Start it when the participant is ready: the session clock starts now for everyone.'),
        h('div', { class: 'console-action' },
          h('button', { type: 'button', class: 'button', 'data-focus': 'start', 'aria-keyshortcuts': singleKeyAttr('S'), onclick: () => void this.startSession() }, 'Start session ', singleKeyHint('S'))));
    } else if (active) {
      parts.push(this.activeTask(active));
    } else {
      parts.push(...this.betweenTasks());
    }
    if (state.status === 'live') {
      parts.push(h('div', { class: 'console-end' },
        h('button', { type: 'button', class: 'button button-danger', 'data-focus': 'end-session', 'aria-keyshortcuts': singleKeyAttr('Shift+E'), onclick: () => void this.endSession() }, 'End session ', singleKeyHint('Shift+E'))));
    }
    parts.push(h('h3', null, 'Script'), this.script());
    const sus = susLine(this.ctx);
    if (sus) parts.push(h('p', { class: 'sus-line', 'data-testid': 'sus-line' }, sus));
    replaceContent(this.body, parts);
    if (active) this.showDraft();
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
      if (index >= 0) return this.run(() => this.chooseOutcome(OUTCOMES[index]!));
      if (key === 'x') return this.run(() => this.count('errors', 1));
      if (key === 'X') return this.run(() => this.count('errors', -1));
      if (key === 'a') return this.run(() => this.count('assists', 1));
      if (key === 'A') return this.run(() => this.count('assists', -1));
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
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `${field}-down`, 'aria-label': `One ${field === 'errors' ? 'error' : 'assist'} less`, 'aria-keyshortcuts': singleKeyAttr(`Shift+${down}`),
        onclick: () => this.count(field, -1) }, '−'),
      this.counts[field],
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `${field}-up`, 'aria-label': `One more ${field === 'errors' ? 'error' : 'assist'}`, 'aria-keyshortcuts': singleKeyAttr(up),
        onclick: () => this.count(field, 1) }, '+'),
      singleKeyShortcutsOn() ? h('span', { class: 'muted small' }, kbd(up.toLowerCase()), ' / ', kbd(`Shift+${down}`)) : null);
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
          const input = h('input', { type: 'radio', name: 'outcome', id, value: outcome, checked: d.outcome === outcome, 'data-focus': id, 'aria-keyshortcuts': singleKeyAttr(String(i + 1)) });
          input.addEventListener('change', () => this.chooseOutcome(outcome));
          return h('span', { class: 'outcome-option' }, input, h('label', { for: id }, singleKeyHint(String(i + 1)), ' ', capitalize(outcome), h('span', { class: 'muted small' }, ` — ${outcomeHelp[outcome]}`)));
        })),
      h('div', { class: 'field' }, h('label', { for: 'task-comment' }, 'Comment on this attempt (optional)'), comment),
      h('button', { type: 'button', class: 'button', 'data-focus': 'end-task', 'data-focus-fallback': true, 'aria-keyshortcuts': singleKeyAttr('E'), onclick: () => void this.endTask() }, 'End task ', singleKeyHint('E')));
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
      parts.push(h('button', { type: 'button', class: 'button', 'data-focus': 'ask-seq', 'aria-keyshortcuts': singleKeyAttr('Q'), onclick: () => void this.ask('seq', seq.id) },
        `Ask the SEQ about “${seq.title}” `, singleKeyHint('Q')));
    }
    const next = this.nextTask;
    if (next) {
      parts.push(h('button', { type: 'button', class: seq ? 'button button-secondary' : 'button', 'data-focus': 'start-next', 'aria-keyshortcuts': singleKeyAttr('S'), onclick: () => void this.startTask(next) },
        `Start task ${study.tasks.indexOf(next) + 1}: ${next.title} `, singleKeyHint('S')));
    } else if (state.status === 'live') {
      parts.push(h('p', null, 'Every task has been attempted.'));
    }
    if (this.canAskSus) {
      parts.push(h('button', { type: 'button', class: next ? 'button button-secondary' : 'button', 'data-focus': 'ask-sus', 'aria-keyshortcuts': singleKeyAttr('U'), onclick: () => void this.ask('sus', null) },
        'Send the SUS ', singleKeyHint('U')));
    }
    // After an action, focus lands on the next thing to do.
    parts.find((p) => p instanceof HTMLButtonElement)?.setAttribute('data-focus-fallback', '');
    const unrated = this.seqUnrated;
    if (unrated.length) parts.push(this.seqAloudForm(unrated));
    if (this.canRecordSus) parts.push(this.susAloudForm());
    return parts.map((p) => h('div', { class: 'console-action' }, p));
  }

  /** A closed-by-default section; its open state survives re-renders. */
  private aloudSection(which: { open: boolean }, id: string, summary: string, form: HTMLElement): HTMLElement {
    const details = h('details', { class: 'record-aloud', open: which.open, 'data-testid': id },
      h('summary', { 'data-focus': `${id}-summary` }, summary), form);
    details.addEventListener('toggle', () => { which.open = (details as HTMLDetailsElement).open; });
    return details;
  }

  private seqAloudForm(unrated: StudyTask[]): HTMLElement {
    const d = this.seqAloud;
    if (!d.taskId || !unrated.some((t) => t.id === d.taskId)) {
      // Default to the latest ended task; a new task means a new answer, so a new commandId.
      Object.assign(d, { taskId: unrated[unrated.length - 1]!.id, rating: 0, comment: '', error: '', commandId: uuid() });
    }
    const task = unrated.find((t) => t.id === d.taskId)!;
    const error = h('p', { class: 'field-error', id: 'seq-aloud-error', role: 'alert', hidden: !d.error }, d.error);
    const clearError = () => { d.error = ''; error.hidden = true; };
    const picker = unrated.length > 1
      ? h('div', { class: 'field' }, h('label', { for: 'seq-aloud-task' }, 'Task'),
          h('select', { id: 'seq-aloud-task', 'data-focus': 'seq-aloud-task', onchange: (e: Event) => { d.taskId = (e.target as HTMLSelectElement).value; d.commandId = uuid(); d.error = ''; this.render(); } },
            unrated.map((t) => h('option', { value: t.id, selected: t.id === d.taskId }, `Task ${this.ctx.study.tasks.indexOf(t) + 1}: ${t.title}`))))
      : h('p', { class: 'muted small' }, `About “${task.title}”.`);
    const options = [1, 2, 3, 4, 5, 6, 7].map((n) => {
      const id = `seq-aloud-${n}`;
      const input = h('input', { type: 'radio', name: 'seq-aloud', id, value: String(n), checked: d.rating === n, 'data-focus': id, 'aria-describedby': d.error ? 'seq-aloud-error' : null });
      input.addEventListener('change', () => { d.rating = n; clearError(); });
      return h('span', { class: 'scale-option' }, input, h('label', { for: id }, String(n),
        n === 1 ? h('span', { class: 'scale-end' }, SEQ_LOW) : n === 7 ? h('span', { class: 'scale-end' }, SEQ_HIGH) : null));
    });
    const comment = h('textarea', { id: 'seq-aloud-comment', rows: '2', maxlength: String(LIMITS.commentLength), 'data-focus': 'seq-aloud-comment' }, d.comment);
    comment.addEventListener('input', () => { d.comment = comment.value; });
    const form = h('form', { class: 'questionnaire-aloud', 'aria-label': 'SEQ answer given aloud' },
      picker,
      h('fieldset', { class: 'scale' }, h('legend', null, SEQ_QUESTION, h('span', { class: 'muted small' }, ' (keys 1–7)')), h('div', { class: 'scale-options' }, options)),
      h('div', { class: 'field' }, h('label', { for: 'seq-aloud-comment' }, 'What the participant added (optional)'), comment),
      error,
      h('button', { type: 'submit', class: 'button', 'data-focus': 'seq-aloud-save' }, 'Save SEQ answer'));
    form.addEventListener('keydown', (e) => {
      if (isTextEntry(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (!(n >= 1 && n <= 7)) return;
      e.preventDefault();
      e.stopPropagation(); // Digits here choose a rating, never a console shortcut.
      const input = form.querySelector<HTMLInputElement>(`#seq-aloud-${n}`)!;
      input.checked = true;
      d.rating = n;
      clearError();
      input.focus();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!d.rating) return this.aloudFailed(d, 'Choose the rating the participant gave, from 1 (very difficult) to 7 (very easy).', 'seq-aloud-1');
      void this.recordAloud(d, 'AnswerSeq', { commandId: d.commandId, taskId: task.id, rating: d.rating, comment: d.comment.trim() || null },
        `Recorded SEQ ${d.rating}/7 for “${task.title}”, given aloud.`, () => Object.assign(d, { open: false, taskId: null }));
    });
    return this.aloudSection(d, 'seq-aloud', `Record the SEQ answer given aloud`, form);
  }

  private susAloudForm(): HTMLElement {
    const d = this.susAloud;
    const error = h('p', { class: 'field-error', id: 'sus-aloud-error', role: 'alert', hidden: !d.error }, d.error);
    const clearError = () => { d.error = ''; error.hidden = true; };
    // A missing answer is said in its statement, where focus goes, not under the tenth.
    const missing = d.error ? d.responses.findIndex((r) => r === 0) : -1;
    const items = SUS_ITEMS.map((text, i) => h('fieldset', { class: 'scale sus-item' },
      h('legend', null, `${i + 1}. ${text}`),
      h('div', { class: 'scale-options' }, SUS_SCALE.map((label, j) => {
        const id = `sus-aloud-${i + 1}-${j + 1}`;
        const input = h('input', { type: 'radio', name: `sus-aloud-${i + 1}`, id, value: String(j + 1), checked: d.responses[i] === j + 1, 'data-focus': id, 'aria-describedby': i === missing ? 'sus-aloud-error' : null });
        input.addEventListener('change', () => { d.responses[i] = j + 1; clearError(); });
        return h('span', { class: 'scale-option' }, input, h('label', { for: id }, String(j + 1), h('span', { class: 'scale-end' }, label)));
      })),
      i === missing ? error : null));
    const form = h('form', { class: 'questionnaire-aloud', 'aria-label': 'SUS answers given aloud' },
      h('p', { class: 'muted small' }, 'For each statement, the participant’s answer from 1 (strongly disagree) to 5 (strongly agree). In a statement, the keys 1–5 choose and move on.'),
      items, missing >= 0 ? null : error,
      h('button', { type: 'submit', class: 'button', 'data-focus': 'sus-aloud-save' }, 'Save SUS answers'));
    answerSusByKeyboard(form, (item, n) => {
      d.responses[items.indexOf(item as HTMLFieldSetElement)] = n;
      clearError();
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const missing = d.responses.findIndex((r) => r === 0);
      if (missing >= 0) return this.aloudFailed(d, `Statement ${missing + 1} has no answer yet.`, `sus-aloud-${missing + 1}-1`);
      const responses = [...d.responses];
      void this.recordAloud(d, 'AnswerSus', { commandId: d.commandId, responses },
        `Recorded the SUS given aloud: score ${susScore(responses).toFixed(1)} of 100.`, () => { d.open = false; });
    });
    return this.aloudSection(d, 'sus-aloud', 'Record the SUS answers given aloud', form);
  }

  private aloudFailed(d: { error: string }, message: string, focusId: string | null): void {
    d.error = message;
    this.render();
    if (focusId) document.getElementById(focusId)?.focus();
  }

  /**
   * Sends an answer given aloud with the form's commandId (pressing Save again after a dropped connection cannot
   * record it twice) and shows the hub's refusal in the form. The team's views update from the answer's event.
   */
  private async recordAloud(d: { error: string; commandId: string }, method: string, request: object, done: string, reset: () => void): Promise<void> {
    if (this.busy) return;
    if (!this.ctx.session.canSend) return this.aloudFailed(d, 'You are offline. The answer is still here; save it again when the connection returns.', null);
    this.busy = true;
    let result: CommandResult;
    try {
      result = await this.ctx.session.command(method, request);
    } catch {
      return this.aloudFailed(d, 'The connection dropped before the server answered. Save again: the answer is recorded at most once.', null);
    } finally {
      this.busy = false;
    }
    if (!result.ok) {
      if (result.error?.code === 'questionnaireAlreadyAnswered') d.commandId = uuid();
      return this.aloudFailed(d, `Not saved: ${describeError(result.error!)}`, null);
    }
    d.error = '';
    d.commandId = uuid();
    reset();
    this.recordStatus.textContent = done;
    this.render();
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

  /** Ends the running task with the draft's outcome, or with `chosen` (from the End-session dialog); true once ended. */
  private async endTask(chosen?: TaskOutcome): Promise<boolean> {
    const taskId = this.ctx.state.activeTaskId;
    if (!taskId) return false;
    const d = this.draft;
    const comment = (document.getElementById('task-comment') as HTMLInputElement | null)?.value ?? d.comment;
    const outcome = chosen ?? d.outcome;
    if (!outcome) {
      this.dismissOutcomeAlert = this.ctx.alert(singleKeyShortcutsOn() ? 'Choose the outcome first: press 1 success, 2 partial, 3 fail or 4 skipped.' : 'Choose the outcome first.');
      document.getElementById('outcome-success')?.focus();
      return false;
    }
    if (await this.send('EndTask', { taskId, outcome, errors: d.errors, assists: d.assists, comment: comment.trim() || null }, 'end the task')) {
      remove(`sessionlab:task-draft:${this.ctx.sessionId}:${taskId}`);
      return true;
    }
    return false;
  }

  private async ask(kind: 'seq' | 'sus', taskId: string | null): Promise<void> {
    await this.send('AskQuestionnaire', { kind, taskId }, kind === 'seq' ? 'send the SEQ' : 'send the SUS');
  }

  private async endSession(): Promise<void> {
    const { state, study } = this.ctx;
    if (state.status !== 'live') return;
    const running = state.activeTaskId ? study.tasks.find((t) => t.id === state.activeTaskId) : undefined;
    if (!running) {
      if (await confirmDialog('End the session?', ENDING_SAYS, 'End session')) await this.send('EndSession', {}, 'end the session');
      return;
    }
    const outcome = await endWithRunningTaskDialog(running, study.tasks.indexOf(running) + 1, this.draft.outcome);
    if (!outcome) return;
    if (outcome === 'abandoned') {
      await this.send('EndSession', { runningTaskOutcome: 'abandoned' }, 'end the session');
      return;
    }
    // Ending the task first keeps its error and assist counts and comment; the session then ends with no task running.
    if (await this.endTask(outcome)) await this.send('EndSession', {}, 'end the session');
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
