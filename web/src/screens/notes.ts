import { ClipView } from '../clips/clip-view';
import { append, changeText, h, isTextEntry, uuid, type Child } from '../lib/dom';
import { capitalize, clock, plural, unquoted } from '../lib/format';
import { LIMITS, NOTE_KINDS, type NoteKind, type TagDefinition } from '../lib/protocol';
import type { OutboxItem } from '../session/outbox';
import type { NoteView } from '../session/team-state';
import { singleKeyAttr, singleKeyShortcutsOn } from '../ui/single-key-shortcuts';
import { tagChip } from '../ui/tags';
import { taskLabel, type TeamContext } from './team-context';

/** Alt+letter per kind; event.code is used so the shortcut works on any keyboard layout and on macOS. */
export const KIND_KEYS: Record<NoteKind, string> = { observation: 'O', quote: 'Q', issue: 'I', positive: 'P', idea: 'L' };

const tagPattern = /(^|\s)#([\p{L}\p{N}_-]{1,40})(?=$|[\s.,;:!?)])/gu;

/** Splits "#tag" words that name palette tags out of the text; unknown #words stay text. */
export function parseNote(raw: string, palette: readonly TagDefinition[]): { text: string; tags: string[]; unknown: string[] } {
  const tags: string[] = [];
  const unknown: string[] = [];
  const stripped = raw.replace(tagPattern, (match, lead: string, name: string) => {
    const tag = palette.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!tag) {
      unknown.push(name);
      return match;
    }
    if (!tags.includes(tag.name)) tags.push(tag.name);
    return lead;
  }).replace(/[ \t]{2,}/g, ' ').trim();
  // A note that is only a tag ("#delight") keeps its words: the moment itself is the note.
  return { text: stripped || raw.trim(), tags, unknown };
}

/** The note box: stamped with the session clock when typing starts; Enter saves, tags inline or by hotkey. */
export class Composer {
  readonly element: HTMLFormElement;
  readonly textarea = h('textarea', {
    id: 'note-text', rows: '2', autocomplete: 'off', spellcheck: 'true',
    'aria-describedby': 'note-help note-status note-count', 'aria-keyshortcuts': singleKeyAttr('N /'), 'data-testid': 'note-input',
  });
  /** Polite, so it changes only when its message does: typing must not read "Stamped at…" again and again. */
  private readonly status = h('p', { id: 'note-status', class: 'composer-status', 'aria-live': 'polite' });
  /** Near the limit the count changes with every key; it is the box's description, not a live region. */
  private readonly count = h('p', { id: 'note-count', class: 'composer-status composer-count', 'data-testid': 'note-count' });
  private readonly error = h('p', { class: 'composer-error', role: 'alert', hidden: true });
  /** Says which #words are not the study's tags, so they stay as text; polite, and rewritten only when the words change. */
  private readonly unknownTags = h('p', { id: 'note-unknown-tags', class: 'composer-status composer-unknown', 'aria-live': 'polite', 'data-testid': 'unknown-tags' });
  private unknownShown = '';
  /** After a save, the #words of the saved note that stayed text; cleared when the next note is started. */
  private savedUnknown: string[] = [];
  /**
   * What to offer beside the names of #words that are not in the palette (a way to add them, say); the hint says
   * they stay as text either way. Called whenever those words change, with the names as typed.
   */
  unknownTagActions: ((names: string[]) => Child) | null = null;
  private readonly tagButtons = new Map<string, HTMLButtonElement>();
  private readonly kindInputs = new Map<NoteKind, HTMLInputElement>();
  private readonly selected = new Set<string>();
  private stampMs: number | null = null;

  constructor(private readonly ctx: TeamContext, private readonly onEditLast: () => void, private readonly onLeave: () => void) {
    const palette = ctx.study.tags;
    this.textarea.addEventListener('input', () => this.onInput());
    this.textarea.addEventListener('keydown', (e) => this.onKeyDown(e));
    const tags = palette.map((tag) => {
      const button = h('button', {
        type: 'button', class: 'palette-tag', 'aria-pressed': 'false',
        'aria-keyshortcuts': tag.hotkey ? `Alt+${tag.hotkey}` : null,
        onclick: (e: MouseEvent) => { this.toggleTag(tag.name); if (e.detail > 0) this.textarea.focus(); },
      }, tagChip(tag.name, palette), tag.hotkey ? h('kbd', { class: 'key-hint' }, `Alt+${tag.hotkey}`) : null);
      this.tagButtons.set(tag.name, button);
      return button;
    });
    const kinds = NOTE_KINDS.map((kind) => {
      const input = h('input', { type: 'radio', name: 'note-kind', id: `kind-${kind}`, value: kind, checked: kind === 'observation', 'aria-keyshortcuts': `Alt+${KIND_KEYS[kind]}` });
      this.kindInputs.set(kind, input);
      return h('span', { class: 'kind-option' }, input, h('label', { for: `kind-${kind}` }, capitalize(kind), ' ', h('kbd', { class: 'key-hint' }, `Alt+${KIND_KEYS[kind]}`)));
    });
    this.element = h('form', { class: 'composer', 'aria-labelledby': 'composer-title', onsubmit: (e: SubmitEvent) => { e.preventDefault(); this.submit(); } },
      h('h2', { id: 'composer-title', class: 'visually-hidden' }, 'New note'),
      h('label', { for: 'note-text', class: 'composer-label' }, 'Note'),
      this.textarea,
      h('p', { id: 'note-help', class: 'muted small' },
        h('span', { class: 'key-hint' }, h('kbd', null, 'Enter'), ' saves · ', h('kbd', null, 'Shift+Enter'), ' new line · '),
        'type ', h('code', null, '#tag'), ' or choose a tag below',
        h('span', { class: 'key-hint' }, ' or press its hotkey · ', h('kbd', null, '↑'), ' in an empty box edits your last note')),
      palette.length ? h('div', { class: 'palette', role: 'group', 'aria-label': 'Tags for this note' }, tags) : null,
      h('fieldset', { class: 'kinds' }, h('legend', null, 'Kind'), kinds),
      this.unknownTags,
      h('div', { class: 'composer-foot' }, h('div', null, this.status, this.count), h('button', { type: 'submit', class: 'button' }, 'Save note')),
      this.error);
    this.updateStatus();
  }

  focus(): void {
    this.textarea.focus();
  }

  /** Single-key shortcuts were turned on or off: n and / reach the box only while they are on. */
  keyHintsChanged(): void {
    const keys = singleKeyAttr('N /');
    if (keys) this.textarea.setAttribute('aria-keyshortcuts', keys);
    else this.textarea.removeAttribute('aria-keyshortcuts');
  }

  /** Puts a refused note back so its words are not lost. */
  restore(text: string, message: string): void {
    if (!this.textarea.value.trim()) {
      this.textarea.value = text;
      this.stampMs = null;
    }
    this.showError(message);
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  updateStatus(): void {
    const { state } = this.ctx;
    const length = this.textarea.value.trim().length;
    changeText(this.status, state.status === 'scheduled' ? 'Notes can be saved once the moderator starts the session.'
      : state.status === 'ended' ? 'The session has ended.'
      : this.stampMs !== null ? `Stamped at ${clock(this.stampMs)}, when you started typing.`
      : 'The note is stamped with the session time when you start typing.');
    changeText(this.count, length > LIMITS.noteLength - 200 ? `${length} / ${LIMITS.noteLength} characters.` : '');
    const inline = parseNote(this.textarea.value, this.ctx.study.tags);
    for (const [name, button] of this.tagButtons) {
      button.setAttribute('aria-pressed', String(this.selected.has(name) || inline.tags.includes(name)));
    }
    // A #word still being typed at the end is not judged yet: "#con" may become "#confusion".
    const finished = parseNote(this.textarea.value.replace(/#[\p{L}\p{N}_-]*$/u, ''), this.ctx.study.tags).unknown;
    this.showUnknownTags(finished.length ? finished : this.savedUnknown, finished.length === 0 && this.savedUnknown.length > 0);
  }

  /** Names the #words that are not the study's tags: "#foo is not one of this study's tags; it stays as text." */
  private showUnknownTags(names: string[], saved: boolean): void {
    const unique = [...new Set(names)];
    const key = `${saved}:${unique.join(' ')}`;
    if (key === this.unknownShown) return;
    this.unknownShown = key;
    if (!unique.length) {
      this.unknownTags.replaceChildren();
      return;
    }
    const words = unique.map((n) => `#${n}`);
    const list = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
    const message = unique.length === 1
      ? `${list} is not one of this study’s tags; it ${saved ? 'stayed' : 'stays'} as text.`
      : `${list} are not among this study’s tags; they ${saved ? 'stayed' : 'stay'} as text.`;
    this.unknownTags.replaceChildren();
    append(this.unknownTags, [saved ? `Note saved. ${message}` : message, this.unknownTagActions?.(unique)]);
  }

  private onInput(): void {
    this.savedUnknown = [];
    const empty = this.textarea.value.trim().length === 0;
    if (empty) this.stampMs = null;
    else if (this.stampMs === null && this.ctx.state.status === 'live') this.stampMs = this.ctx.clockNow();
    this.error.hidden = true;
    this.updateStatus();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      this.onLeave();
      return;
    }
    if (e.key === 'ArrowUp' && !this.textarea.value && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      this.onEditLast();
      return;
    }
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const digit = /^Digit([1-9])$/.exec(e.code);
      if (digit) {
        const tag = this.ctx.study.tags.find((t) => t.hotkey === Number(digit[1]));
        if (tag) {
          e.preventDefault();
          this.toggleTag(tag.name);
        }
        return;
      }
      const kind = NOTE_KINDS.find((k) => e.code === `Key${KIND_KEYS[k]}`);
      if (kind) {
        e.preventDefault();
        this.kindInputs.get(kind)!.checked = true;
      }
    }
  }

  private toggleTag(name: string): void {
    const inline = parseNote(this.textarea.value, this.ctx.study.tags);
    if (inline.tags.includes(name)) {
      // Untagging a tag typed inline removes the #word as well.
      this.textarea.value = this.textarea.value.replace(tagPattern, (m, lead: string, word: string) => (word.toLowerCase() === name.toLowerCase() ? lead : m));
      this.selected.delete(name);
    } else if (this.selected.has(name)) {
      this.selected.delete(name);
    } else {
      this.selected.add(name);
    }
    this.updateStatus();
  }

  private submit(): void {
    const { state, study } = this.ctx;
    const parsed = parseNote(this.textarea.value, study.tags);
    const tags = [...new Set([...parsed.tags, ...this.selected])];
    if (state.status !== 'live') {
      this.showError(state.status === 'scheduled' ? 'The session has not started yet: notes can be saved once the moderator starts it.' : 'The session has ended; notes can no longer be added.');
      return;
    }
    if (!this.textarea.value.trim()) {
      this.showError('Write something first.');
      return;
    }
    if (parsed.text.length > LIMITS.noteLength) {
      this.showError(`A note can be at most ${LIMITS.noteLength} characters; this one has ${parsed.text.length}. Split it into two notes.`);
      return;
    }
    if (tags.length > LIMITS.tagsPerNote) {
      this.showError(`A note can carry at most ${LIMITS.tagsPerNote} tags.`);
      return;
    }
    const kind = NOTE_KINDS.find((k) => this.kindInputs.get(k)!.checked) ?? 'observation';
    const stored = this.ctx.outbox.add({
      method: 'AddNote',
      queuedAt: new Date().toISOString(),
      request: { commandId: uuid(), noteId: uuid(), clockOffsetMs: Math.max(0, Math.round(this.stampMs ?? this.ctx.clockNow())), text: parsed.text, tags, kind },
    });
    this.savedUnknown = parsed.unknown;
    this.textarea.value = '';
    this.stampMs = null;
    this.selected.clear();
    this.kindInputs.get('observation')!.checked = true;
    this.error.hidden = true;
    if (!stored) this.showError('This browser would not store the note; keep this page open until it is sent.');
    this.updateStatus();
    this.ctx.flush();
  }
}

interface Filters { tag: string; author: string; task: string; kind: string }

/** Everyone's notes, newest first by session time, filterable; your own can be edited and deleted. */
export class Timeline {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'timeline', 'aria-labelledby': 'timeline-title', 'data-testid': 'timeline' });
  private readonly heading = h('h2', { id: 'timeline-title', tabindex: '-1' }, 'Timeline');
  private readonly count = h('p', { class: 'muted small', 'aria-live': 'polite' });
  private readonly selects: Record<keyof Filters, HTMLSelectElement>;
  private readonly nodes = new Map<string, HTMLLIElement>();
  private readonly editing = new Set<string>();
  private readonly confirmingDelete = new Set<string>();
  /** Open clip players by note; kept across re-renders of their note so a playing clip is not rebuilt. */
  private readonly clipViews = new Map<string, ClipView>();
  private filters: Filters = { tag: '', author: '', task: '', kind: '' };

  constructor(private readonly ctx: TeamContext) {
    const select = (key: keyof Filters, label: string) => {
      const el = h('select', { id: `filter-${key}`, 'data-filter': key });
      el.addEventListener('change', () => {
        this.filters = { ...this.filters, [key]: el.value };
        this.applyFilters();
      });
      return { el, field: h('div', { class: 'field field-inline' }, h('label', { for: `filter-${key}` }, label), el) };
    };
    const tag = select('tag', 'Tag');
    const author = select('author', 'Author');
    const task = select('task', 'Task');
    const kind = select('kind', 'Kind');
    this.selects = { tag: tag.el, author: author.el, task: task.el, kind: kind.el };
    this.element = h('section', { class: 'timeline-panel', 'aria-labelledby': 'timeline-title' },
      h('div', { class: 'timeline-head' },
        this.heading,
        this.count),
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Filter notes' }, tag.field, author.field, task.field, kind.field),
      this.list);
    this.renderFilterOptions();
  }

  focusFilters(): void {
    this.selects.tag.focus();
  }

  /** Where Escape from the note box lands: the newest note shown (c plays its clip), or the heading when none is. */
  focusNewest(): void {
    const newest = [...this.list.children].find((n): n is HTMLElement => n instanceof HTMLElement && !n.hidden);
    (newest ?? this.heading).focus();
  }

  /** Opens your latest note for editing. */
  editLast(): void {
    const own = [...this.ctx.state.notes.values()].filter((n) => n.author.id === this.ctx.you.id).sort(byTime);
    const last = own[0];
    if (!last) {
      this.ctx.alert('You have no saved notes to edit yet.');
      return;
    }
    this.startEdit(last.id);
  }

  /** Brings the list in line with the state and the outbox. Only changed notes are rebuilt; focus stays put. */
  update(changed?: Iterable<string>): void {
    const { state, outbox } = this.ctx;
    const pendingAdds = new Map<string, OutboxItem>();
    const pendingChanges = new Map<string, OutboxItem>();
    for (const item of outbox.all) {
      if (item.method === 'AddNote') pendingAdds.set(item.request.noteId, item);
      else pendingChanges.set(item.request.noteId, item);
    }
    const views: NoteView[] = [...state.notes.values()];
    for (const [noteId, item] of pendingAdds) {
      if (item.method === 'AddNote' && !state.notes.has(noteId)) {
        const r = item.request;
        views.push({ id: noteId, author: this.ctx.you, clockOffsetMs: r.clockOffsetMs, text: r.text, tags: r.tags, kind: r.kind, taskId: null, sequence: Number.MAX_SAFE_INTEGER, createdAt: item.queuedAt, editedAt: null });
      }
    }
    views.sort(byTime);
    const wanted = new Set(views.map((v) => v.id));
    for (const [id, node] of this.nodes) {
      if (!wanted.has(id)) {
        node.remove();
        this.nodes.delete(id);
        this.clipViews.get(id)?.close();
        this.clipViews.delete(id);
      }
    }
    const rebuild = new Set(changed ?? []);
    for (const view of views) {
      const pending = pendingAdds.has(view.id) && !state.notes.has(view.id) ? 'add' : pendingChanges.get(view.id)?.method === 'DeleteNote' ? 'delete' : pendingChanges.has(view.id) ? 'edit' : null;
      const existing = this.nodes.get(view.id);
      const clip = pending ? 'none' : this.clipViews.has(view.id) ? 'open' : this.ctx.clips.covers(view.clockOffsetMs) ? 'covered' : 'none';
      const signature = `${view.sequence}|${view.editedAt}|${pending}|${this.editing.has(view.id)}|${this.confirmingDelete.has(view.id)}|${clip}|${singleKeyShortcutsOn()}`;
      if (existing && existing.dataset.signature === signature && !rebuild.has(view.id)) continue;
      const edit = pendingChanges.get(view.id);
      const shown = edit?.method === 'EditNote' ? { ...view, text: edit.request.text, tags: edit.request.tags, kind: edit.request.kind } : view;
      const node = this.renderNote(shown, pending);
      node.dataset.signature = signature;
      if (existing) {
        const hadFocus = existing.contains(document.activeElement);
        const focusKey = hadFocus ? document.activeElement?.getAttribute('data-focus') : null;
        existing.replaceWith(node);
        // The same control if the new note has it, else the note itself: focus never falls to the page.
        if (hadFocus) ((focusKey ? node.querySelector<HTMLElement>(`[data-focus="${focusKey}"]`) : null) ?? node).focus();
      }
      this.nodes.set(view.id, node);
    }
    let cursor = this.list.firstElementChild;
    for (const view of views) {
      const node = this.nodes.get(view.id)!;
      if (node === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        this.list.insertBefore(node, cursor);
      }
    }
    this.renderFilterOptions();
    this.applyFilters();
  }

  private renderNote(note: NoteView, pending: 'add' | 'edit' | 'delete' | null): HTMLLIElement {
    const { you, study } = this.ctx;
    const own = note.author.id === you.id;
    const canDelete = own || you.role === 'moderator';
    const item = h('li', {
      class: `note note-${note.kind}${pending ? ' note-pending' : ''}${pending === 'delete' ? ' note-deleting' : ''}`,
      'data-note-id': note.id, 'data-author': note.author.id, 'data-task': note.taskId ?? '', 'data-kind': note.kind,
      'data-tags': note.tags.map((t) => t.toLowerCase()).join(' '), tabindex: '-1',
    });
    if (this.editing.has(note.id)) {
      item.append(this.editForm(note));
      return item;
    }
    append(item, [
      h('div', { class: 'note-head' },
        h('span', { class: 'note-time' }, clock(note.clockOffsetMs)),
        h('span', { class: 'note-author' }, note.author.displayName, own ? ' (you)' : ''),
        h('span', { class: 'note-kind' }, capitalize(note.kind)),
        note.taskId ? h('span', { class: 'note-task' }, taskLabel(study, note.taskId)) : null,
        note.editedAt ? h('span', { class: 'note-flag' }, 'edited') : null,
        pending ? h('span', { class: 'note-flag note-flag-pending' }, pending === 'add' ? 'Waiting to send' : pending === 'edit' ? 'Edit waiting to send' : 'Deletion waiting to send') : null),
      // The timeline puts a quote in quotation marks itself.
      h('p', { class: 'note-text' }, note.kind === 'quote' ? unquoted(note.text) : note.text),
      note.tags.length ? h('div', { class: 'note-tags' }, note.tags.map((t) => tagChip(t, study.tags))) : null]);
    const clipView = this.clipViews.get(note.id);
    const covered = !pending && (clipView !== undefined || this.ctx.clips.covers(note.clockOffsetMs));
    if (!pending && (own || canDelete || covered)) {
      item.append(h('div', { class: 'note-actions' },
        covered ? h('button', { type: 'button', class: 'button-link', 'data-focus': 'clip', 'data-testid': 'play-clip', 'aria-expanded': String(!!clipView),
          'aria-keyshortcuts': singleKeyAttr('C'), 'aria-label': `${clipView ? 'Close clip' : 'Play clip'} of the note at ${clock(note.clockOffsetMs)}`,
          onclick: () => this.toggleClip(note) }, clipView ? 'Close clip' : 'Play clip') : null,
        own ? h('button', { type: 'button', class: 'button-link', 'data-focus': 'edit', 'aria-label': `Edit note at ${clock(note.clockOffsetMs)}`,
          onclick: () => this.startEdit(note.id) }, 'Edit') : null,
        canDelete ? (this.confirmingDelete.has(note.id)
          ? [h('button', { type: 'button', class: 'button-link danger', 'data-focus': 'delete', onclick: () => this.remove(note.id) }, 'Confirm delete'),
             h('button', { type: 'button', class: 'button-link', 'data-focus': 'keep', onclick: () => { this.confirmingDelete.delete(note.id); this.update([note.id]); this.focusIn(note.id, 'delete'); } }, 'Keep')]
          : h('button', { type: 'button', class: 'button-link danger', 'data-focus': 'delete', 'aria-label': `Delete note at ${clock(note.clockOffsetMs)}`,
              onclick: () => { this.confirmingDelete.add(note.id); this.update([note.id]); this.focusIn(note.id, 'delete'); } }, 'Delete')) : null));
    }
    if (clipView && !pending) item.append(clipView.element);
    return item;
  }

  /** c outside text fields: the clip of the note in focus, or of the latest note that has one. */
  playClipShortcut(): boolean {
    const focused = document.activeElement?.closest<HTMLElement>('.note')?.dataset.noteId;
    const note = focused ? this.ctx.state.notes.get(focused) : [...this.ctx.state.notes.values()].sort(byTime).find((n) => this.ctx.clips.covers(n.clockOffsetMs));
    if (!note || !(this.clipViews.has(note.id) || this.ctx.clips.covers(note.clockOffsetMs))) return false;
    this.toggleClip(note);
    return true;
  }

  private toggleClip(note: NoteView): void {
    const open = this.clipViews.get(note.id);
    if (open) {
      open.close();
      this.clipViews.delete(note.id);
      this.update([note.id]);
      this.focusIn(note.id, 'clip');
      return;
    }
    const view = new ClipView(this.ctx.clips, note, { onClose: () => this.toggleClip(note) });
    this.clipViews.set(note.id, view);
    this.update([note.id]);
    this.focusIn(note.id, 'clip');
    void view.play();
  }

  private editForm(note: NoteView): HTMLFormElement {
    const id = `edit-${note.id}`;
    const textarea = h('textarea', { id, rows: '3', value: [note.text, ...note.tags.map((t) => `#${t}`)].join(' ') });
    const kind = h('select', { id: `${id}-kind` }, NOTE_KINDS.map((k) => h('option', { value: k, selected: k === note.kind }, capitalize(k))));
    const error = h('p', { class: 'composer-error', role: 'alert', hidden: true });
    const cancel = () => { this.editing.delete(note.id); this.update([note.id]); this.focusIn(note.id, 'edit'); };
    const save = () => {
      const parsed = parseNote(textarea.value, this.ctx.study.tags);
      if (!textarea.value.trim()) { error.textContent = 'A note needs some text; use Delete to remove it.'; error.hidden = false; return; }
      if (parsed.text.length > LIMITS.noteLength) { error.textContent = `A note can be at most ${LIMITS.noteLength} characters; this one has ${parsed.text.length}.`; error.hidden = false; return; }
      this.editing.delete(note.id);
      this.ctx.outbox.add({ method: 'EditNote', queuedAt: new Date().toISOString(), request: { commandId: uuid(), noteId: note.id, text: parsed.text, tags: parsed.tags, kind: kind.value as NoteKind } });
      this.ctx.flush();
      // The note shows "Edit waiting to send" without its Edit button until the server has it: back to the note box.
      this.focusNoteBox();
    };
    textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); save(); }
      if (e.key === 'Escape') { e.preventDefault(); cancel(); }
    });
    return h('form', { class: 'note-edit', onsubmit: (e: SubmitEvent) => { e.preventDefault(); save(); } },
      h('label', { for: id }, `Edit your note at ${clock(note.clockOffsetMs)} (Enter saves, Escape cancels)`), textarea,
      h('div', { class: 'field field-inline' }, h('label', { for: `${id}-kind` }, 'Kind'), kind),
      h('div', { class: 'note-actions' },
        h('button', { type: 'submit', class: 'button button-small' }, 'Save'),
        h('button', { type: 'button', class: 'button button-secondary button-small', onclick: cancel }, 'Cancel')),
      error);
  }

  private startEdit(noteId: string): void {
    this.editing.add(noteId);
    this.update([noteId]);
    const textarea = this.nodes.get(noteId)?.querySelector('textarea');
    if (textarea) {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    }
  }

  private remove(noteId: string): void {
    this.confirmingDelete.delete(noteId);
    this.ctx.outbox.add({ method: 'DeleteNote', queuedAt: new Date().toISOString(), request: { commandId: uuid(), noteId } });
    this.ctx.flush();
    this.focusNoteBox();
  }

  private focusNoteBox(): void {
    document.getElementById('note-text')?.focus();
  }

  private focusIn(noteId: string, key: string): void {
    queueMicrotask(() => this.nodes.get(noteId)?.querySelector<HTMLElement>(`[data-focus="${key}"]`)?.focus());
  }

  private renderFilterOptions(): void {
    const { study, state, you } = this.ctx;
    const authors = new Map<string, string>([[you.id, `${you.displayName} (you)`]]);
    for (const note of state.notes.values()) if (!authors.has(note.author.id)) authors.set(note.author.id, note.author.displayName);
    const fill = (select: HTMLSelectElement, all: string, options: [string, string][]) => {
      const signature = JSON.stringify(options);
      if (select.dataset.options === signature) return;
      select.dataset.options = signature;
      const value = select.value;
      select.replaceChildren();
      append(select, [h('option', { value: '' }, all), options.map(([v, label]) => h('option', { value: v }, label))]);
      select.value = options.some(([v]) => v === value) ? value : '';
    };
    fill(this.selects.tag, 'All tags', [...study.tags.map((t): [string, string] => [t.name.toLowerCase(), `#${t.name}`]), ['-', 'Untagged']]);
    fill(this.selects.author, 'Everyone', [...authors]);
    fill(this.selects.task, 'All tasks', [...study.tasks.map((t): [string, string] => [t.id, taskLabel(study, t.id)]), ['-', 'No task']]);
    fill(this.selects.kind, 'All kinds', NOTE_KINDS.map((k): [string, string] => [k, capitalize(k)]));
  }

  private applyFilters(): void {
    const { tag, author, task, kind } = this.filters;
    let shown = 0;
    for (const node of this.nodes.values()) {
      const tags = node.dataset.tags ? node.dataset.tags.split(' ') : [];
      const visible = (!tag || (tag === '-' ? tags.length === 0 : tags.includes(tag)))
        && (!author || node.dataset.author === author)
        && (!task || (task === '-' ? !node.dataset.task : node.dataset.task === task))
        && (!kind || node.dataset.kind === kind);
      node.hidden = !visible;
      if (visible) shown++;
    }
    const total = this.nodes.size;
    this.count.textContent = shown === total ? plural(total, 'note') : `Showing ${shown} of ${plural(total, 'note')}`;
  }
}

function byTime(a: NoteView, b: NoteView): number {
  return b.clockOffsetMs - a.clockOffsetMs || b.sequence - a.sequence;
}

export function isShortcutTarget(e: KeyboardEvent): boolean {
  return !isTextEntry(e.target) && !e.altKey && !e.ctrlKey && !e.metaKey && !document.querySelector('dialog[open]');
}
