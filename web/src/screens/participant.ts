import { h, isTextEntry, replaceContent, uuid } from '../lib/dom';
import { describeError } from '../lib/errors';
import { LIMITS, type CommandResult, type ParticipantView, type SessionError } from '../lib/protocol';
import { LiveSession } from '../session/connection';
import { answerSusByKeyboard, SEQ_HIGH, SEQ_LOW, SEQ_QUESTION, SUS_ITEMS, SUS_SCALE } from '../session/questionnaires';
import { ConnectionBadge } from '../ui/connection-badge';
import { errorPanel, loading, renderShell, setFavicon } from '../ui/shell';

/**
 * The participant's page. Its connection registers only the ParticipantView handler, and it calls no HTTP API:
 * the page has no way to receive notes, tags, presence or success criteria, and holds none.
 */
export async function showParticipant(inviteToken: string): Promise<void> {
  const badge = new ConnectionBadge();
  let page: ParticipantPage | null = null;
  let latest: ParticipantView | null = null;
  const session = new LiveSession({
    inviteToken,
    handlers: { participantView: (view) => { latest = view; page?.show(view); } },
    onState: (s) => badge.set(s),
    onJoined: () => undefined,
    onRejoinRefused: (result) => page?.refused(result.error!),
    onOnline: () => undefined,
  });
  const main = renderShell({ title: 'Your session', homeLink: false, main: loading('Connecting…'), status: badge.element });
  setFavicon('P', '#b45309');
  const result = await session.start();
  if (!result.ok) {
    await session.stop();
    badge.element.remove(); // Nothing is connected any more; a stale "Connected" would mislead.
    const ended = result.error?.code === 'sessionEnded';
    replaceContent(main, ended
      ? h('section', { class: 'participant-card', 'aria-labelledby': 'p-title' }, h('h1', { id: 'p-title', tabindex: '-1', 'data-focus-fallback': true }, 'This session has ended'),
          h('p', { class: 'participant-text' }, 'Thank you for taking part. You can close this page.'))
      : errorPanel(result.error?.code === 'tokenExpired' ? 'This link has expired' : 'The session could not be opened', describeError(result.error ?? { code: 'unknown', message: '' })));
    main.querySelector<HTMLElement>('h1')?.focus();
    return;
  }
  page = new ParticipantPage(main, session);
  page.show(latest ?? result.value!.participantView!);
}

class ParticipantPage {
  private shownKey = '';
  private lastView: ParticipantView | null = null;
  private seqCommand = uuid();
  private susCommand = uuid();

  constructor(private readonly main: HTMLElement, private readonly session: LiveSession) {}

  /** The re-join after a dropped connection was refused; usually the session ended meanwhile. */
  refused(error: SessionError): void {
    if (error.code === 'sessionEnded') {
      this.show({ ...this.lastView!, status: 'ended', currentTask: null, prompt: null });
      return;
    }
    replaceContent(this.main, errorPanel('The session could not be reopened', describeError(error)));
  }

  show(view: ParticipantView): void {
    this.lastView = view;
    document.title = `Your session · ${view.studyName} · SessionLab`;
    // Redraw only when what the participant sees changes: a half-filled questionnaire must survive other updates.
    const key = JSON.stringify([view.status, view.currentTask?.taskId, view.prompt?.kind, view.prompt?.taskId]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    if (view.prompt?.kind === 'seq') {
      this.seqCommand = uuid();
      replaceContent(this.main, this.seqForm(view));
    } else if (view.prompt?.kind === 'sus') {
      this.susCommand = uuid();
      replaceContent(this.main, this.susForm());
    } else {
      replaceContent(this.main, this.card(view));
    }
    this.main.querySelector<HTMLElement>('h1')?.focus();
  }

  private card(view: ParticipantView): HTMLElement {
    const title = (text: string) => h('h1', { id: 'p-title', tabindex: '-1' }, text);
    if (view.status === 'ended') {
      return h('section', { class: 'participant-card', 'aria-labelledby': 'p-title' }, title('Thank you!'),
        h('p', { class: 'participant-text' }, 'The session has ended. Thank you for taking part; you can close this page.'));
    }
    if (view.status === 'scheduled') {
      return h('section', { class: 'participant-card', 'aria-labelledby': 'p-title' }, title('Welcome'),
        h('p', { class: 'participant-text' }, 'The session will start soon. The moderator will guide you; there are no wrong answers, we are testing the design, not you.'));
    }
    const task = view.currentTask;
    if (!task) {
      return h('section', { class: 'participant-card', 'aria-labelledby': 'p-title' }, title('Please wait'),
        // Said the same between tasks and after the last one: the page cannot know whether more will come.
        h('p', { class: 'participant-text' }, 'Thank you. The moderator will tell you what comes next.'));
    }
    return h('section', { class: 'participant-card', 'aria-labelledby': 'p-title', 'data-testid': 'participant-task' },
      h('p', { class: 'participant-step' }, `Task ${task.number} of ${view.taskCount}`),
      title(task.title),
      h('p', { class: 'participant-text participant-instructions' }, task.instructions),
      h('p', { class: 'muted' }, 'Tell the moderator when you are done, or if you would stop here in real life.'));
  }

  private seqForm(view: ParticipantView): HTMLElement {
    const taskId = view.prompt!.taskId!;
    // The choice not sent yet survives a reload of this tab: the participant need not answer twice.
    const draftKey = `sessionlab:seq-draft:${view.sessionId}:${taskId}`;
    const draft = loadDraft<{ rating: number; comment: string }>(draftKey) ?? { rating: 0, comment: '' };
    const keepDraft = () => saveDraft(draftKey, {
      rating: Number(form.querySelector<HTMLInputElement>('input[name=seq]:checked')?.value ?? 0), comment: comment.value });
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const comment = h('textarea', { id: 'seq-comment', rows: '2', maxlength: String(LIMITS.commentLength) }, draft.comment);
    const options = [1, 2, 3, 4, 5, 6, 7].map((n) => {
      const input = h('input', { type: 'radio', name: 'seq', id: `seq-${n}`, value: String(n), required: true, checked: draft.rating === n });
      return h('span', { class: 'scale-option' }, input, h('label', { for: `seq-${n}` }, String(n),
        n === 1 ? h('span', { class: 'scale-end' }, SEQ_LOW) : n === 7 ? h('span', { class: 'scale-end' }, SEQ_HIGH) : null));
    });
    // novalidate: the page's own message says what to do, where the browser's bubble would flash and go.
    const form = h('form', { class: 'participant-card questionnaire', 'aria-labelledby': 'p-title', 'data-testid': 'seq-form', novalidate: true },
      h('p', { class: 'participant-step' }, `About the task “${view.prompt!.taskTitle ?? ''}”`),
      h('h1', { id: 'p-title', tabindex: '-1' }, 'One quick question'),
      h('fieldset', { class: 'scale' }, h('legend', null, SEQ_QUESTION, h('span', { class: 'muted small' }, ' (press 1–7)')), h('div', { class: 'scale-options' }, options),
        scaleEnds(`1 ${SEQ_LOW}`, `7 ${SEQ_HIGH}`)),
      h('div', { class: 'field' }, h('label', { for: 'seq-comment' }, 'Anything you would like to add? (optional)'), comment),
      error,
      h('button', { type: 'submit', class: 'button' }, 'Send answer'));
    form.addEventListener('keydown', (e) => {
      if (isTextEntry(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= 7) {
        e.preventDefault();
        const input = form.querySelector<HTMLInputElement>(`#seq-${n}`)!;
        input.checked = true;
        input.focus();
        keepDraft();
      }
    });
    form.addEventListener('change', keepDraft);
    comment.addEventListener('input', keepDraft);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const picked = form.querySelector<HTMLInputElement>('input[name=seq]:checked');
      if (!picked) return this.fail(error, 'Choose a number from 1 (very difficult) to 7 (very easy).', form.querySelector('#seq-1'));
      if (await this.send(error, 'AnswerSeq', { commandId: this.seqCommand, taskId, rating: Number(picked.value), comment: comment.value.trim() || null })) removeDraft(draftKey);
    });
    return form;
  }

  private susForm(): HTMLElement {
    const error = h('p', { class: 'field-error', id: 'sus-error', role: 'alert', hidden: true, 'data-testid': 'sus-error' });
    const items = SUS_ITEMS.map((text, i) => h('fieldset', { class: 'scale sus-item', 'data-item': String(i + 1) },
      h('legend', null, `${i + 1}. ${text}`),
      h('div', { class: 'scale-options' }, SUS_SCALE.map((label, j) => {
        const id = `sus-${i + 1}-${j + 1}`;
        return h('span', { class: 'scale-option' }, h('input', { type: 'radio', name: `sus-${i + 1}`, id, value: String(j + 1) }),
          h('label', { for: id }, String(j + 1), h('span', { class: 'scale-end' }, label)));
      })),
      scaleEnds(`1 ${SUS_SCALE[0]}`, `5 ${SUS_SCALE[4]}`)));
    const form = h('form', { class: 'participant-card questionnaire', 'aria-labelledby': 'p-title', 'data-testid': 'sus-form', novalidate: true },
      h('h1', { id: 'p-title', tabindex: '-1' }, 'About the whole experience'),
      h('p', { class: 'participant-text' }, 'For each statement, choose how much you agree, from 1 (strongly disagree) to 5 (strongly agree). In a statement, the keys 1–5 choose and move on.'),
      items, error,
      h('button', { type: 'submit', class: 'button' }, 'Send answers'));
    answerSusByKeyboard(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const responses = SUS_ITEMS.map((_, i) => Number(form.querySelector<HTMLInputElement>(`input[name="sus-${i + 1}"]:checked`)?.value ?? 0));
      const missing = responses.findIndex((r) => r === 0);
      if (missing >= 0) {
        // The message goes where focus goes, in the statement that needs an answer, and its options point to it.
        const item = items[missing]!;
        item.querySelector('.scale-options')!.after(error);
        for (const input of form.querySelectorAll('input[aria-describedby="sus-error"]')) input.removeAttribute('aria-describedby');
        for (const input of item.querySelectorAll('input')) input.setAttribute('aria-describedby', 'sus-error');
        return this.fail(error, `Statement ${missing + 1} has no answer yet.`, form.querySelector(`#sus-${missing + 1}-1`));
      }
      await this.send(error, 'AnswerSus', { commandId: this.susCommand, responses });
    });
    return form;
  }

  private fail(error: HTMLElement, message: string, focus: HTMLElement | null): void {
    error.textContent = message;
    error.hidden = false;
    focus?.focus();
  }

  /** Sent with the form's commandId: pressing again after a dropped connection cannot record the answer twice. */
  /** True once the server has the answer. */
  private async send(error: HTMLElement, method: string, request: object): Promise<boolean> {
    error.hidden = true;
    const failed = (message: string) => { this.fail(error, message, null); return false; };
    if (!this.session.canSend) return failed('You are offline. Your answer is still here; send it again when the connection returns.');
    let result: CommandResult;
    try {
      result = await this.session.command(method, request);
    } catch {
      return failed('The connection dropped before your answer arrived. Please send it again.');
    }
    if (!result.ok) return failed(describeError(result.error!));
    // The new view usually arrives before this answer does and has replaced the form already.
    const form = error.closest('form');
    if (form?.isConnected) form.replaceChildren(h('h1', { id: 'p-title', tabindex: '-1' }, 'Thank you!'), h('p', { class: 'participant-text' }, 'Your answer was sent.'));
    return true;
  }
}

/**
 * The scale's two ends on one line under its options, shown on narrow screens instead of a label under each option
 * (which would break into syllables there). Hidden from screen readers: each option's label already says it.
 */
function scaleEnds(low: string, high: string): HTMLElement {
  return h('div', { class: 'scale-ends', 'aria-hidden': 'true' }, h('span', null, low), h('span', null, high));
}

/** Per tab (sessionStorage): an unsent answer is kept across a reload, never shared with another tab or person. */
function loadDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* a draft that cannot be kept is only lost on a reload */
  }
}

function removeDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* nothing to clean up when storage is unavailable */
  }
}
