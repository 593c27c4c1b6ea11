import { canCreateStudies, currentMember, type Me } from '../lib/account';
import { ApiError, api, signInUrl } from '../lib/api';
import { h } from '../lib/dom';
import { describeError } from '../lib/errors';
import type { StudyCreated } from '../lib/protocol';
import { errorPanel, loading, renderShell, showMember } from '../ui/shell';
import { StudyForm, type TagRow } from '../ui/study-form';

const starterTags: TagRow[] = [
  { name: 'confusion', color: '#b45309', hotkey: '1' },
  { name: 'bug', color: '#b91c1c', hotkey: '2' },
  { name: 'quote', color: '#1d4ed8', hotkey: '3' },
  { name: 'delight', color: '#15803d', hotkey: '4' },
];

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
  const fields = new StudyForm({
    name: '', goal: '', tasks: [{ title: '', instructions: '', successCriteria: '', minutes: '' }],
    tags: starterTags, questionnaires: { seqAfterEachTask: true, susAtEnd: true },
  }, 'The study could not be created');
  const form = h('form', { class: 'study-form', novalidate: true });
  const submit = h('button', { type: 'submit', class: 'button', 'aria-keyshortcuts': 'Control+Enter' }, 'Create study');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const local = fields.check();
    if (Object.keys(local).length > 0) return fields.showErrors(local, 'Fix these fields and create the study again.');
    submit.disabled = true;
    submit.textContent = 'Creating…';
    try {
      // The server reads the workspace from the query (?workspaceId=); docs/accounts.md names it in the body: send both.
      const target = workspace.value ? `?workspaceId=${encodeURIComponent(workspace.value)}` : '';
      const created = await api<StudyCreated>('POST', `/api/studies${target}`, null, { workspaceId: workspace.value || null, ...fields.values() });
      location.assign(`/study/${encodeURIComponent(created.study.id)}`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError('unknown', String(error), 0);
      // The server's fields are listed one by one; its lead sentence is for API clients, this one for the form.
      fields.showErrors(e.fieldErrors, Object.keys(e.fieldErrors).length > 0 ? 'Fix these fields and create the study again.' : describeError(e));
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
    fields.summary,
    ...fields.sections(workspaceField),
    h('div', { class: 'form-actions' }, submit, h('span', { class: 'muted small' }, ' or press ', h('kbd', null, 'Ctrl+Enter'), ' in any field')),
  );
  main.replaceChildren(h('h1', null, 'Create a study'), roleNote ?? '', form);
  fields.name.focus();
}
