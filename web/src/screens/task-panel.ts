import { h, replaceContent } from '../lib/dom';
import { capitalize, clock, duration } from '../lib/format';
import type { StudyTask } from '../lib/protocol';
import { susScore } from '../session/questionnaires';
import type { Attempt } from '../session/team-state';
import type { TeamContext } from './team-context';

/** One line about a task's attempt: "Success · 2 min 05 s · 1 error · 0 assists · SEQ 6/7". */
export function attemptSummary(ctx: TeamContext, task: StudyTask): string {
  const attempt = ctx.state.attempt(task.id);
  if (!attempt) return 'Not started';
  if (attempt.endOffsetMs === null) return 'Running now';
  const parts = [capitalize(attempt.outcome ?? 'ended'), duration(attempt.endOffsetMs - attempt.startOffsetMs),
    `${attempt.errors} ${attempt.errors === 1 ? 'error' : 'errors'}`, `${attempt.assists} ${attempt.assists === 1 ? 'assist' : 'assists'}`];
  if (attempt.seqRating !== null) parts.push(`SEQ ${attempt.seqRating}/7`);
  else if (ctx.state.pending?.kind === 'seq' && ctx.state.pending.taskId === task.id) parts.push('SEQ asked, waiting for the answer');
  return parts.join(' · ');
}

export function timerText(ctx: TeamContext, task: StudyTask, attempt: Attempt): string {
  const elapsed = ctx.clockNow() - attempt.startOffsetMs;
  const limit = task.timeLimitSeconds ? ` of ${clock(task.timeLimitSeconds * 1000)}` : '';
  const over = task.timeLimitSeconds && elapsed > task.timeLimitSeconds * 1000 ? ' — over the time limit' : '';
  return `${clock(elapsed)}${limit}${over}`;
}

export function susLine(ctx: TeamContext): string | null {
  const { state, study } = ctx;
  if (state.susResponses) return `SUS answered: score ${susScore(state.susResponses).toFixed(1)} of 100`;
  if (state.pending?.kind === 'sus') return 'SUS sent, waiting for the participant’s answers';
  if (!study.questionnaires.susAtEnd) return null;
  return state.attempts.some((a) => a.endOffsetMs !== null) ? 'SUS not sent yet' : 'SUS not sent yet: it is offered once a task has ended';
}

/** The observer's view of the session: the running task with its script and criteria, and every task's result. */
export class TaskPanel {
  readonly element = h('section', { class: 'panel task-panel', 'aria-labelledby': 'now-title' });
  private timer: HTMLElement | null = null;

  constructor(private readonly ctx: TeamContext) {}

  render(): void {
    const { state, study } = this.ctx;
    const active = state.activeTaskId ? study.tasks.find((t) => t.id === state.activeTaskId) : undefined;
    const attempt = active ? state.attempt(active.id) : undefined;
    this.timer = active && attempt ? h('p', { class: 'timer', 'data-testid': 'task-timer' }, timerText(this.ctx, active, attempt)) : null;
    const sus = susLine(this.ctx);
    replaceContent(this.element,
      h('h2', { id: 'now-title' }, 'Now'),
      state.status === 'scheduled' ? h('p', null, 'Waiting for the moderator to start the session.') :
      state.status === 'ended' ? h('p', null, 'The session has ended.') :
      active ? h('div', { class: 'current-task' },
        h('h3', null, `Task ${study.tasks.indexOf(active) + 1} of ${study.tasks.length}: ${active.title}`),
        this.timer,
        h('p', null, h('strong', null, 'Participant sees: '), active.instructions),
        active.successCriteria ? h('p', null, h('strong', null, 'Success criteria: '), active.successCriteria) : null)
        : h('p', null, 'Between tasks.'),
      state.pending ? h('p', { class: 'notice' }, state.pending.kind === 'seq' ? 'The participant is answering the SEQ.' : 'The participant is answering the SUS.') : null,
      h('h3', null, 'Tasks'),
      h('ol', { class: 'task-results', 'data-testid': 'task-results' }, study.tasks.map((t) => h('li', { 'data-task-id': t.id },
        h('span', { class: 'task-title' }, t.title), h('span', { class: 'task-result' }, attemptSummary(this.ctx, t))))),
      sus ? h('p', { class: 'sus-line', 'data-testid': 'sus-line' }, sus) : null);
  }

  tick(): void {
    const { state, study } = this.ctx;
    const active = state.activeTaskId ? study.tasks.find((t) => t.id === state.activeTaskId) : undefined;
    const attempt = active ? state.attempt(active.id) : undefined;
    if (this.timer && active && attempt) this.timer.textContent = timerText(this.ctx, active, attempt);
  }
}
