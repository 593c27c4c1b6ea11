import { ApiError, api } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { describeError } from '../lib/errors';
import { dateTime } from '../lib/format';
import type { Study } from '../lib/protocol';
import { StudyForm, tagRows, taskRows } from '../ui/study-form';

/** "Version 2, last changed by Rita on 3 Dec 2026, 14:05" or "Version 1, as created on …". */
function versionLine(study: Study): string {
  return study.changedAt
    ? `Version ${study.version}, last changed by ${study.changedByName || 'a team member'} on ${dateTime(study.changedAt)}.`
    : `Version ${study.version}, as created on ${dateTime(study.createdAt)}.`;
}

/**
 * The study page's "Version and changes" panel: which version this is, who changed it last, every earlier version,
 * and (for researchers and owners) the editor. Saving makes a new version; sessions already started keep theirs.
 */
export class StudyEditPanel {
  readonly element = h('section', { class: 'panel', 'aria-labelledby': 'version-title' });
  private readonly history = h('ol', { class: 'version-history' });
  private readonly status = h('p', { class: 'muted', role: 'status' });
  private editing = false;

  constructor(
    private readonly study: Study,
    private readonly canEdit: boolean,
    private readonly onSaved: (study: Study) => void,
    private readonly onReload: () => void,
    saved = false,
  ) {
    if (saved) this.status.textContent = `Saved. This is now version ${study.version}; sessions that already started keep the version they started with.`;
    this.render();
    void this.loadHistory();
  }

  private render(): void {
    const editButton = this.canEdit && !this.editing
      ? h('button', { type: 'button', id: 'edit-study', class: 'button button-secondary', onclick: () => this.open() }, 'Edit study')
      : null;
    replaceContent(this.element,
      h('h2', { id: 'version-title', tabindex: '-1' }, 'Version and changes'),
      h('p', { id: 'study-version' }, versionLine(this.study)),
      h('p', { class: 'muted' }, 'An edit makes a new version. Sessions that already started keep the tasks and tags they started with; the report says when sessions ran different versions of a task.'),
      this.status,
      editButton,
      this.editing ? this.form() : null,
      h('details', { class: 'version-details' },
        h('summary', null, 'Earlier versions'),
        this.history));
  }

  private open(): void {
    this.editing = true;
    this.status.textContent = '';
    this.render();
    this.element.querySelector<HTMLInputElement>('#f-name')?.focus();
  }

  private form(): HTMLElement {
    const fields = new StudyForm({
      name: this.study.name, goal: this.study.goal, tasks: taskRows(this.study.tasks), tags: tagRows(this.study.tags),
      questionnaires: this.study.questionnaires,
    }, 'The changes could not be saved', 'h3');
    const submit = h('button', { type: 'submit', class: 'button' }, 'Save changes');
    const form = h('form', { class: 'study-form', novalidate: true, 'aria-label': 'Edit study' });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const local = fields.check();
      if (Object.keys(local).length > 0) return fields.showErrors(local, 'Fix these fields and save again.');
      submit.disabled = true;
      submit.textContent = 'Saving…';
      try {
        const saved = await api<Study>('PUT', `/api/studies/${encodeURIComponent(this.study.id)}`, null, { expectedVersion: this.study.version, ...fields.values() });
        this.onSaved(saved);
      } catch (error) {
        const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
        submit.disabled = false;
        submit.textContent = 'Save changes';
        if (e.code === 'studyVersionStale') {
          fields.showErrors({}, `Your changes were not saved: someone else changed this study while you were editing. ${e.message}`,
            h('button', { type: 'button', class: 'button', onclick: () => this.onReload() }, 'Reload the study'));
          return;
        }
        fields.showErrors(e.fieldErrors, Object.keys(e.fieldErrors).length > 0 ? 'Fix these fields and save again.' : describeError(e));
      }
    });
    form.append(fields.summary, ...fields.sections(),
      h('div', { class: 'form-actions' }, submit,
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => {
          this.editing = false;
          this.render();
          this.element.querySelector<HTMLElement>('#edit-study')?.focus();
        } }, 'Cancel')));
    return form;
  }

  private async loadHistory(): Promise<void> {
    try {
      const versions = await api<Study[]>('GET', `/api/studies/${encodeURIComponent(this.study.id)}/versions`);
      const earlier = versions.filter((v) => v.version < this.study.version).reverse();
      replaceContent(this.history, earlier.length === 0
        ? h('li', null, 'None: this is the first version.')
        : earlier.map((v) => h('li', null, versionLine(v),
          ` Tasks: ${v.tasks.map((t) => t.title).join('; ')}. Tags: ${v.tags.length ? v.tags.map((t) => `#${t.name}`).join(' ') : 'none'}.`)));
    } catch (error) {
      replaceContent(this.history, h('li', null, `The earlier versions could not be loaded. ${error instanceof ApiError ? describeError(error) : String(error)}`));
    }
  }
}
