import { isTextEntry } from '../lib/dom';

// The standard wording of the Single Ease Question and the System Usability Scale (Brooke, 1996), in item order.

export const SEQ_QUESTION = 'Overall, how difficult or easy was this task to complete?';
export const SEQ_LOW = 'Very difficult';
export const SEQ_HIGH = 'Very easy';

export const SUS_ITEMS: readonly string[] = [
  'I think that I would like to use this system frequently.',
  'I found the system unnecessarily complex.',
  'I thought the system was easy to use.',
  'I think that I would need the support of a technical person to be able to use this system.',
  'I found the various functions in this system were well integrated.',
  'I thought there was too much inconsistency in this system.',
  'I would imagine that most people would learn to use this system very quickly.',
  'I found the system very cumbersome to use.',
  'I felt very confident using the system.',
  'I needed to learn a lot of things before I could get going with this system.',
];

export const SUS_SCALE: readonly string[] = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];

/** 0–100: odd items contribute (r − 1), even items (5 − r), the sum times 2.5. */
export function susScore(responses: readonly number[]): number {
  const sum = responses.reduce((acc, r, i) => acc + (i % 2 === 0 ? r - 1 : 5 - r), 0);
  return sum * 2.5;
}

/**
 * In a SUS form, the keys 1–5 answer the statement that has focus and move on to the next (or to the submit button).
 * The keys stop at the form, so a page's own shortcuts never see them. `onAnswer` hears each choice.
 */
export function answerSusByKeyboard(form: HTMLFormElement, onAnswer: (item: HTMLElement, answer: number) => void = () => {}): void {
  form.addEventListener('keydown', (e) => {
    if (isTextEntry(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const item = (e.target as HTMLElement).closest<HTMLElement>('.sus-item');
    const n = Number(e.key);
    if (!item || !(n >= 1 && n <= 5)) return;
    e.preventDefault();
    e.stopPropagation();
    item.querySelector<HTMLInputElement>(`input[value="${n}"]`)!.checked = true;
    onAnswer(item, n);
    const next = item.nextElementSibling?.classList.contains('sus-item') ? item.nextElementSibling : null;
    (next?.querySelector<HTMLInputElement>('input') ?? form.querySelector<HTMLButtonElement>('button[type=submit]'))!.focus();
  });
}

