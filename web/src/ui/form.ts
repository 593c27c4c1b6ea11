import { ApiError } from '../lib/api';
import { append, h, type Child } from '../lib/dom';
import { describeError } from '../lib/errors';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number';
  autocomplete?: string;
  help?: string;
  value?: string;
  readonly?: boolean;
  required?: boolean;
  attrs?: Record<string, string>;
}

/**
 * A small form of labelled fields with an error summary that links each problem to its field, and field errors
 * beside the fields: the same pattern as the study form, for the account screens.
 */
export class SimpleForm {
  readonly element: HTMLFormElement;
  readonly inputs: Record<string, HTMLInputElement> = {};
  readonly submit: HTMLButtonElement;
  private readonly summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert', 'aria-labelledby': '' });
  private readonly submitLabel: string;

  constructor(
    private readonly id: string,
    fields: FieldSpec[],
    submitLabel: string,
    onSubmit: (values: Record<string, string>) => Promise<void> | void,
    extra?: Child,
  ) {
    this.submitLabel = submitLabel;
    this.summary.setAttribute('aria-labelledby', `${id}-summary-title`);
    this.submit = h('button', { type: 'submit', class: 'button' }, submitLabel);
    this.element = h('form', { class: 'account-form', novalidate: true },
      this.summary,
      fields.map((f) => {
        const inputId = `${id}-${f.name}`;
        const input = h('input', {
          id: inputId, name: f.name, type: f.type ?? 'text', autocomplete: f.autocomplete ?? 'off', value: f.value ?? '',
          readonly: !!f.readonly, required: f.required !== false, 'aria-describedby': f.help ? `${inputId}-help` : null, ...f.attrs,
        });
        this.inputs[f.name] = input;
        return h('div', { class: 'field' },
          h('label', { for: inputId }, f.label),
          f.help ? h('p', { class: 'field-help', id: `${inputId}-help` }, f.help) : null,
          input);
      }),
      extra ?? null,
      h('div', { class: 'form-actions' }, this.submit));
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.submit.disabled) return;
      const values = Object.fromEntries(Object.entries(this.inputs).map(([k, v]) => [k, v.value]));
      void onSubmit(values);
    });
  }

  busy(text: string): void {
    this.submit.disabled = true;
    this.submit.textContent = text;
  }

  idle(): void {
    this.submit.disabled = false;
    this.submit.textContent = this.submitLabel;
  }

  /** Problems found here or by the server (validation `errors` by field, matched without regard to case). */
  showErrors(title: string, message: string, errors: Record<string, string[]> = {}): void {
    this.idle();
    for (const el of this.element.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of this.element.querySelectorAll('.field-error')) el.remove();
    for (const [name, input] of Object.entries(this.inputs)) {
      input.setAttribute('aria-describedby', input.getAttribute('aria-describedby')?.split(' ').filter((d) => d === `${this.id}-${name}-help`).join(' ') ?? '');
      if (!input.getAttribute('aria-describedby')) input.removeAttribute('aria-describedby');
    }
    const byName = new Map(Object.entries(this.inputs).map(([k, v]) => [k.toLowerCase(), v]));
    const items = Object.entries(errors).map(([key, messages]) => {
      const target = byName.get(key.toLowerCase());
      const text = messages.join(' ');
      if (target) {
        const errorId = `${target.id}-error`;
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '));
        target.insertAdjacentElement('beforebegin', h('p', { class: 'field-error', id: errorId }, text));
      }
      return h('li', null, target
        ? h('a', { href: `#${target.id}`, onclick: (e: MouseEvent) => { e.preventDefault(); target.focus(); } }, text)
        : text);
    });
    this.summary.replaceChildren();
    append(this.summary, [h('h2', { id: `${this.id}-summary-title` }, title), message ? h('p', null, message) : null, items.length ? h('ul', null, items) : null]);
    this.summary.hidden = false;
    this.summary.focus();
  }

  /** A refusal from the server, in its own words; validation problems listed field by field. */
  showProblem(title: string, error: unknown): void {
    const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
    const fields = Object.keys(e.fieldErrors).length > 0;
    this.showErrors(title, fields ? 'Fix these and try again.' : describeError(e), e.fieldErrors);
  }

  clearErrors(): void {
    this.summary.hidden = true;
  }
}

/** Checks made before asking the server, so the common slips are named at once. */
export function checkPasswords(values: Record<string, string>, errors: Record<string, string[]>, minLength = 10): void {
  if (values.password!.length < minLength) errors.password = [`Choose a password of at least ${minLength} characters.`];
  if (values.confirm !== undefined && values.confirm !== values.password) errors.confirm = ['The two passwords are not the same.'];
}

export function checkEmail(value: string, errors: Record<string, string[]>): void {
  if (!/^[^@\s]+@[^@\s]+$/.test(value.trim())) errors.email = ['Enter an e-mail address, such as name@example.com.'];
}
