import { canCreateStudies, currentMember, type Me } from '../lib/account';
import { ApiError, api, signInUrl } from '../lib/api';
import { append, h } from '../lib/dom';
import { describeError } from '../lib/errors';
import type { StudyCreated } from '../lib/protocol';
import { errorPanel, loading, renderShell, showMember } from '../ui/shell';

interface TaskRow { title: string; instructions: string; successCriteria: string; minutes: string }
interface TagRow { name: string; color: string; hotkey: string }

const starterTags: TagRow[] = [
  { name: 'confusion', color: '#b45309', hotkey: '1' },
  { name: 'bug', color: '#b91c1c', hotkey: '2' },
  { name: 'quote', color: '#1d4ed8', hotkey: '3' },
  { name: 'delight', color: '#15803d', hotkey: '4' },
];

/** Field ids follow the server's error keys: "tasks[0].title" is the input #f-tasks-0-title. */
function fieldId(key: string): string {
  return 'f-' + key.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}

export async function showNewStudy(): Promise<void> {
  const main = renderShell({ title: 'New study', context: 'New study', main: loading('Loading your workspaces…') });
  let me: Me | null;
  try {
    me = await currentMember();
  } catch (error) {
    main.replaceChildren(errorPanel('The form could not be opened', error instanceof ApiError ? describeError(error) : String(error)));
    return;
  }
  if (!me) {
    location.assign(signInUrl());
    return;
  }
  showMember(me);
  const wanted = new URLSearchParams(location.search).get('workspace');
  const creatable = me.workspaces.filter((w) => canCreateStudies(w.role));
  // With no workspace to create in, the form still goes to the server, which says plainly why it refuses.
  const choices = creatable.length > 0 ? creatable : me.workspaces;
  const workspace = h('select', { id: 'f-workspaceId' }, choices.map((w) => h('option', { value: w.id, selected: w.id === wanted }, w.name)));
  const workspaceField = choices.length > 1
    ? h('div', { class: 'field' }, h('label', { for: 'f-workspaceId' }, 'Workspace'), workspace)
    : null;
  const roleNote = creatable.length === 0
    ? h('p', { class: 'panel panel-error', id: 'role-note' }, me.workspaces.length === 0
      ? 'You belong to no workspace yet, so a study cannot be created. Ask an owner for an invitation.'
      : 'Your role is viewer: you can read your workspace’s studies but not create them. Ask an owner to make you a researcher.')
    : null;
  const tasks: TaskRow[] = [{ title: '', instructions: '', successCriteria: '', minutes: '' }];
  const tags: TagRow[] = starterTags.map((t) => ({ ...t }));
  const form = h('form', { class: 'study-form', novalidate: true });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true, role: 'alert', 'aria-labelledby': 'summary-title' });
  const name = h('input', { id: 'f-name', name: 'name', required: true, maxlength: '120', autocomplete: 'off' });
  const goal = h('textarea', { id: 'f-goal', name: 'goal', rows: '3', maxlength: '2000' });
  const seq = h('input', { id: 'f-seq', type: 'checkbox', checked: true });
  const sus = h('input', { id: 'f-sus', type: 'checkbox', checked: true });
  const taskList = h('ol', { class: 'editor-list' });
  const tagList = h('ol', { class: 'editor-list' });
  const submit = h('button', { type: 'submit', class: 'button', 'aria-keyshortcuts': 'Control+Enter' }, 'Create study');

  const renderTasks = (focusIndex?: number) => {
    taskList.replaceChildren(...tasks.map((task, i) => {
      const n = i + 1;
      const input = (key: keyof TaskRow, attrs: Record<string, string | boolean>) => {
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
                onclick: () => { tasks.splice(i, 1); renderTasks(Math.max(0, i - 1)); } }, 'Remove task')
            : null));
    }));
    if (focusIndex !== undefined) document.getElementById(fieldId(`tasks[${focusIndex}].title`))?.focus();
  };

  const renderTags = (focusIndex?: number) => {
    tagList.replaceChildren(...tags.map((tag, i) => {
      const n = i + 1;
      const nameInput = h('input', { id: fieldId(`tags[${i}].name`), value: tag.name, required: true, maxlength: '40', autocomplete: 'off' });
      const remove = h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Remove tag ${tag.name || n}`,
        onclick: () => { tags.splice(i, 1); renderTags(Math.max(0, i - 1)); } }, 'Remove');
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
  };

  const showErrors = (errors: Record<string, string[]>, message: string) => {
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
    summary.replaceChildren();
    append(summary, [h('h2', { id: 'summary-title' }, 'The study could not be created'), h('p', null, message), items.length ? h('ul', null, items) : null]);
    summary.hidden = false;
    summary.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const local: Record<string, string[]> = {};
    if (!name.value.trim()) local.name = ['Give the study a name.'];
    tasks.forEach((t, i) => {
      if (!t.title.trim()) local[`tasks[${i}].title`] = [`Task ${i + 1} needs a title.`];
      if (!t.instructions.trim()) local[`tasks[${i}].instructions`] = [`Task ${i + 1} needs instructions for the participant.`];
    });
    if (Object.keys(local).length > 0) return showErrors(local, 'Fix these fields and create the study again.');
    submit.disabled = true;
    submit.textContent = 'Creating…';
    try {
      // The server reads the workspace from the query (?workspaceId=); docs/accounts.md names it in the body: send both.
      const target = workspace.value ? `?workspaceId=${encodeURIComponent(workspace.value)}` : '';
      const created = await api<StudyCreated>('POST', `/api/studies${target}`, null, {
        workspaceId: workspace.value || null,
        name: name.value.trim(),
        goal: goal.value.trim(),
        tasks: tasks.map((t) => ({
          title: t.title.trim(), instructions: t.instructions.trim(), successCriteria: t.successCriteria.trim(),
          timeLimitSeconds: t.minutes.trim() ? Math.round(Number(t.minutes) * 60) : null,
        })),
        tags: tags.map((t) => ({ name: t.name.trim().replace(/^#/, ''), color: t.color, hotkey: t.hotkey ? Number(t.hotkey) : null })),
        questionnaires: { seqAfterEachTask: seq.checked, susAtEnd: sus.checked },
      });
      location.assign(`/study/${encodeURIComponent(created.study.id)}`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
      // The server's fields are listed one by one; its lead sentence is for API clients, this one for the form.
      showErrors(e.fieldErrors, Object.keys(e.fieldErrors).length > 0 ? 'Fix these fields and create the study again.' : describeError(e));
      submit.disabled = false;
      submit.textContent = 'Create study';
    }
  });

  // Ctrl+Enter (⌘+Enter) creates the study from any field.
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.append(
    summary,
    h('section', { class: 'panel', 'aria-labelledby': 'about-title' },
      h('h2', { id: 'about-title' }, 'About the study'),
      workspaceField,
      h('div', { class: 'field' }, h('label', { for: 'f-name' }, 'Study name'), name),
      h('div', { class: 'field' }, h('label', { for: 'f-goal' }, 'Goal: what the team wants to learn (optional)'), goal)),
    h('section', { class: 'panel', 'aria-labelledby': 'tasks-title' },
      h('h2', { id: 'tasks-title' }, 'Tasks'),
      h('p', { class: 'muted' }, 'Every participant attempts these, in this order unless the moderator picks another.'),
      taskList,
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => {
        tasks.push({ title: '', instructions: '', successCriteria: '', minutes: '' });
        renderTasks(tasks.length - 1);
      } }, 'Add a task')),
    h('section', { class: 'panel', 'aria-labelledby': 'tags-title' },
      h('h2', { id: 'tags-title' }, 'Tag palette'),
      h('p', { class: 'muted' }, 'Observers tag notes by typing #name or pressing the hotkey while writing.'),
      tagList,
      h('button', { type: 'button', id: 'add-tag', class: 'button button-secondary', onclick: () => {
        const used = new Set(tags.map((t) => t.hotkey));
        const free = [1, 2, 3, 4, 5, 6, 7, 8, 9].find((k) => !used.has(String(k)));
        tags.push({ name: '', color: '#475569', hotkey: free ? String(free) : '' });
        renderTags(tags.length - 1);
      } }, 'Add a tag')),
    h('section', { class: 'panel', 'aria-labelledby': 'q-title' },
      h('h2', { id: 'q-title' }, 'Questionnaires'),
      h('div', { class: 'check' }, seq, h('label', { for: 'f-seq' }, 'Ask the Single Ease Question (SEQ) after each task')),
      h('div', { class: 'check' }, sus, h('label', { for: 'f-sus' }, 'Ask the System Usability Scale (SUS) at the end'))),
    h('div', { class: 'form-actions' }, submit, h('span', { class: 'muted small' }, ' or press ', h('kbd', null, 'Ctrl+Enter'), ' in any field')),
  );
  renderTasks();
  renderTags();
  main.replaceChildren(h('h1', null, 'Create a study'), roleNote ?? '', form);
  name.focus();
}
