import { append, h, type Child } from '../lib/dom';
import type { QuestionnaireSettings, StudyTask, TagDefinition } from '../lib/protocol';

/** A task as the form holds it; `id` is set for a task the study already has, so an edit changes that task. */
export interface TaskRow { id?: string; title: string; instructions: string; successCriteria: string; minutes: string }
export interface TagRow { name: string; color: string; hotkey: string }

export interface StudyFormValues {
  name: string; goal: string; tasks: TaskRow[]; tags: TagRow[]; questionnaires: QuestionnaireSettings;
}

/** The study's fields as the server takes them (POST /api/studies, PUT /api/studies/{id}). */
export interface StudyFields {
  name: string; goal: string;
  tasks: { id?: string; title: string; instructions: string; successCriteria: string; timeLimitSeconds: number | null }[];
  tags: TagDefinition[]; questionnaires: QuestionnaireSettings;
}

/** Field ids follow the server's error keys: "tasks[0].title" is the input #f-tasks-0-title. */
function fieldId(key: string): string {
  return 'f-' + key.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}

export function taskRows(tasks: StudyTask[]): TaskRow[] {
  return tasks.map((t) => ({
    id: t.id, title: t.title, instructions: t.instructions, successCriteria: t.successCriteria,
    minutes: t.timeLimitSeconds ? String(Math.round(t.timeLimitSeconds / 60 * 100) / 100) : '',
  }));
}

export function tagRows(tags: TagDefinition[]): TagRow[] {
  return tags.map((t) => ({ name: t.name, color: t.color, hotkey: t.hotkey ? String(t.hotkey) : '' }));
}

/**
 * The fields of a study (name, goal, tasks, tag palette, questionnaires) with their error summary, shared by the
 * page that creates a study and the study page's editor. The caller owns the form's submit button and what it sends.
 */
export class StudyForm {
  readonly summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert', 'aria-labelledby': 'summary-title' });
  readonly name = h('input', { id: 'f-name', name: 'name', required: true, maxlength: '120', autocomplete: 'off' });
  private readonly goal = h('textarea', { id: 'f-goal', name: 'goal', rows: '3', maxlength: '2000' });
  private readonly seq = h('input', { id: 'f-seq', type: 'checkbox' });
  private readonly sus = h('input', { id: 'f-sus', type: 'checkbox' });
  private readonly taskList = h('ol', { class: 'editor-list' });
  private readonly tagList = h('ol', { class: 'editor-list' });
  private readonly tasks: TaskRow[];
  private readonly tags: TagRow[];

  constructor(initial: StudyFormValues, private readonly failedTitle: string, private readonly headingLevel: 'h2' | 'h3' = 'h2') {
    this.name.value = initial.name;
    this.goal.value = initial.goal;
    this.seq.checked = initial.questionnaires.seqAfterEachTask;
    this.sus.checked = initial.questionnaires.susAtEnd;
    this.tasks = initial.tasks.map((t) => ({ ...t }));
    this.tags = initial.tags.map((t) => ({ ...t }));
    this.renderTasks();
    this.renderTags();
  }

  /** The panels of fields, in order; <paramref name="aboutExtra"/> goes at the top of the first. */
  sections(aboutExtra?: Child): HTMLElement[] {
    const heading = (id: string, text: string) => h(this.headingLevel, { id }, text);
    return [
      h('section', { class: 'panel', 'aria-labelledby': 'about-title' },
        heading('about-title', 'About the study'),
        aboutExtra,
        h('div', { class: 'field' }, h('label', { for: 'f-name' }, 'Study name'), this.name),
        h('div', { class: 'field' }, h('label', { for: 'f-goal' }, 'Goal: what the team wants to learn (optional)'), this.goal)),
      h('section', { class: 'panel', 'aria-labelledby': 'tasks-edit-title' },
        heading('tasks-edit-title', 'Tasks'),
        h('p', { class: 'muted' }, 'Every participant attempts these, in this order unless the moderator picks another.'),
        this.taskList,
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => {
          this.tasks.push({ title: '', instructions: '', successCriteria: '', minutes: '' });
          this.renderTasks(this.tasks.length - 1);
        } }, 'Add a task')),
      h('section', { class: 'panel', 'aria-labelledby': 'tags-title' },
        heading('tags-title', 'Tag palette'),
        h('p', { class: 'muted' }, 'Observers tag notes by typing #name or pressing the hotkey while writing.'),
        this.tagList,
        h('button', { type: 'button', id: 'add-tag', class: 'button button-secondary', onclick: () => {
          const used = new Set(this.tags.map((t) => t.hotkey));
          const free = [1, 2, 3, 4, 5, 6, 7, 8, 9].find((k) => !used.has(String(k)));
          this.tags.push({ name: '', color: '#475569', hotkey: free ? String(free) : '' });
          this.renderTags(this.tags.length - 1);
        } }, 'Add a tag')),
      h('section', { class: 'panel', 'aria-labelledby': 'q-title' },
        heading('q-title', 'Questionnaires'),
        h('div', { class: 'check' }, this.seq, h('label', { for: 'f-seq' }, 'Ask the Single Ease Question (SEQ) after each task')),
        h('div', { class: 'check' }, this.sus, h('label', { for: 'f-sus' }, 'Ask the System Usability Scale (SUS) at the end'))),
    ];
  }

  /** What the page can tell before asking the server: empty required fields. */
  check(): Record<string, string[]> {
    const local: Record<string, string[]> = {};
    if (!this.name.value.trim()) local.name = ['Give the study a name.'];
    this.tasks.forEach((t, i) => {
      if (!t.title.trim()) local[`tasks[${i}].title`] = [`Task ${i + 1} needs a title.`];
      if (!t.instructions.trim()) local[`tasks[${i}].instructions`] = [`Task ${i + 1} needs instructions for the participant.`];
    });
    return local;
  }

  values(): StudyFields {
    return {
      name: this.name.value.trim(),
      goal: this.goal.value.trim(),
      tasks: this.tasks.map((t) => ({
        ...(t.id ? { id: t.id } : {}),
        title: t.title.trim(), instructions: t.instructions.trim(), successCriteria: t.successCriteria.trim(),
        timeLimitSeconds: t.minutes.trim() ? Math.round(Number(t.minutes) * 60) : null,
      })),
      tags: this.tags.map((t) => ({ name: t.name.trim().replace(/^#/, ''), color: t.color, hotkey: t.hotkey ? Number(t.hotkey) : null })),
      questionnaires: { seqAfterEachTask: this.seq.checked, susAtEnd: this.sus.checked },
    };
  }

  /** Marks each field the errors name, and lists them (with links to the fields) in the summary, which takes focus. */
  showErrors(errors: Record<string, string[]>, message: string, more?: Child): void {
    const form = this.summary.parentElement ?? document;
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    const items = Object.entries(errors).map(([key, messages]) => {
      const target = document.getElementById(fieldId(key));
      if (target) {
        const errorId = `${target.id}-error`;
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', errorId);
        target.insertAdjacentElement('beforebegin', h('p', { class: 'field-error', id: errorId }, messages.join(' ')));
      }
      return h('li', null, target
        ? h('a', { href: `#${target.id}`, onclick: (e: MouseEvent) => { e.preventDefault(); target.focus(); } }, messages.join(' '))
        : messages.join(' '));
    });
    this.summary.replaceChildren();
    append(this.summary, [h('h2', { id: 'summary-title' }, this.failedTitle), h('p', null, message), items.length ? h('ul', null, items) : null, more]);
    this.summary.hidden = false;
    this.summary.focus();
  }

  private renderTasks(focusIndex?: number): void {
    const tasks = this.tasks;
    this.taskList.replaceChildren(...tasks.map((task, i) => {
      const n = i + 1;
      const input = (key: 'title' | 'instructions' | 'successCriteria' | 'minutes', attrs: Record<string, string | boolean>) => {
        const id = fieldId(`tasks[${i}].${key === 'minutes' ? 'timeLimitSeconds' : key}`);
        const el = key === 'title' || key === 'minutes'
          ? h('input', { id, value: task[key], ...attrs })
          : h('textarea', { id, rows: '2', value: task[key], ...attrs });
        el.addEventListener('input', () => (task[key] = el.value));
        return el;
      };
      return h('li', { class: 'editor-item' },
        h('fieldset', null,
          h('legend', null, `Task ${n}`),
          h('div', { class: 'field' }, h('label', { for: fieldId(`tasks[${i}].title`) }, 'Title'), input('title', { required: true, maxlength: '200', autocomplete: 'off' })),
          h('div', { class: 'field' }, h('label', { for: fieldId(`tasks[${i}].instructions`) }, 'Instructions for the participant'),
            input('instructions', { required: true, maxlength: '4000' })),
          h('div', { class: 'field' }, h('label', { for: fieldId(`tasks[${i}].successCriteria`) }, 'Success criteria (the team sees these; the participant never does)'),
            input('successCriteria', { maxlength: '4000' })),
          h('div', { class: 'field field-narrow' }, h('label', { for: fieldId(`tasks[${i}].timeLimitSeconds`) }, 'Time limit in minutes (optional)'),
            input('minutes', { type: 'number', min: '1', max: '1440', inputmode: 'numeric' })),
          tasks.length > 1
            ? h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Remove task ${n}`,
                onclick: () => { tasks.splice(i, 1); this.renderTasks(Math.max(0, i - 1)); } }, 'Remove task')
            : null));
    }));
    if (focusIndex !== undefined) document.getElementById(fieldId(`tasks[${focusIndex}].title`))?.focus();
  }

  private renderTags(focusIndex?: number): void {
    const tags = this.tags;
    this.tagList.replaceChildren(...tags.map((tag, i) => {
      const n = i + 1;
      const nameInput = h('input', { id: fieldId(`tags[${i}].name`), value: tag.name, required: true, maxlength: '40', autocomplete: 'off' });
      const remove = h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Remove tag ${tag.name || n}`,
        onclick: () => { tags.splice(i, 1); this.renderTags(Math.max(0, i - 1)); } }, 'Remove');
      nameInput.addEventListener('input', () => {
        tag.name = nameInput.value.replace(/^#/, '');
        remove.setAttribute('aria-label', `Remove tag ${tag.name || n}`);
      });
      const colorInput = h('input', { id: fieldId(`tags[${i}].color`), type: 'color', value: tag.color });
      colorInput.addEventListener('input', () => (tag.color = colorInput.value));
      const hotkey = h('select', { id: fieldId(`tags[${i}].hotkey`) },
        h('option', { value: '' }, 'None'),
        [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => h('option', { value: String(k), selected: tag.hotkey === String(k) }, `Alt+${k}`)));
      hotkey.addEventListener('change', () => (tag.hotkey = hotkey.value));
      return h('li', { class: 'editor-item editor-row' },
        h('div', { class: 'field' }, h('label', { for: nameInput.id }, `Tag ${n} name`), nameInput),
        h('div', { class: 'field field-narrow' }, h('label', { for: colorInput.id }, 'Colour', h('span', { class: 'visually-hidden' }, ` of tag ${n}`)), colorInput),
        h('div', { class: 'field field-narrow' }, h('label', { for: hotkey.id }, 'Hotkey', h('span', { class: 'visually-hidden' }, ` of tag ${n}`)), hotkey),
        remove);
    }));
    if (focusIndex !== undefined) (document.getElementById(fieldId(`tags[${focusIndex}].name`)) ?? document.getElementById('add-tag'))?.focus();
  }
}
