import type { ClipLibrary } from '../clips/clip-library';
import { ClipView } from '../clips/clip-view';
import { HighlightReelView } from '../clips/highlight-reel';
import { h, replaceContent } from '../lib/dom';
import { capitalize, clock, plural } from '../lib/format';
import type { Study } from '../lib/protocol';
import type { NoteView } from '../session/team-state';
import { tagChip } from '../ui/tags';
import { SharePanel } from './study-share';
import { taskLabel } from './team-context';

/**
 * The summary's notes, grouped by tag (most used first). Where a recording shows a note it has a "Play clip"
 * control, and a tag with clips has its highlight reel, which a researcher or owner of the study's workspace (given `canShare`) can also share
 * as a view-only link. Re-rendered when a recording arrives; open players and share panels stay.
 */
export class NotesByTag {
  readonly element = h('div', { class: 'notes-by-tag' });
  private readonly clipViews = new Map<string, ClipView>();
  private readonly reels = new Map<string, HighlightReelView>();
  private readonly shares = new Map<string, SharePanel>();

  constructor(private readonly study: Study, private readonly notes: NoteView[], private readonly clips: ClipLibrary | null,
    private readonly canShare = false) {
    clips?.onChange(() => {
      // A recording arrived or was re-aligned: open clips are cut again where they now fall.
      for (const view of this.clipViews.values()) void view.play();
      this.render();
    });
    this.render();
  }

  render(): void {
    if (this.notes.length === 0) {
      replaceContent(this.element, h('p', { class: 'muted' }, 'No notes were taken.'));
      return;
    }
    const byTag = new Map<string, NoteView[]>();
    for (const tag of this.study.tags) byTag.set(tag.name, []);
    const untagged: NoteView[] = [];
    for (const note of this.notes) {
      if (note.tags.length === 0) untagged.push(note);
      for (const tag of note.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), note]);
    }
    const sections = [...byTag].filter(([, list]) => list.length > 0).sort((a, b) => b[1].length - a[1].length)
      .map(([tag, list]) => this.group(tag, list));
    if (untagged.length) sections.push(this.group(null, untagged));
    replaceContent(this.element, sections);
  }

  private group(tag: string | null, notes: NoteView[]): HTMLElement {
    const key = tag ?? '';
    const withClips = this.clips ? notes.filter((n) => this.clips!.covers(n.clockOffsetMs)).length : 0;
    const reel = tag ? this.reels.get(tag) : undefined;
    const share = tag ? this.shares.get(tag) : undefined;
    const headingId = `group-${key || 'untagged'}`.replace(/[^\w-]/g, '_');
    const shareId = `${headingId}-share`;
    return h('section', { class: 'note-group', 'aria-labelledby': headingId, 'data-tag': key },
      h('div', { class: 'note-group-head' },
        h('h3', { id: headingId }, tag ? [tagChip(tag, this.study.tags), ` (${notes.length})`] : `Untagged (${notes.length})`),
        tag && withClips > 0 ? h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `reel-${key}`, 'data-testid': 'play-reel',
          'aria-expanded': String(!!reel), onclick: () => this.toggleReel(tag) },
          reel ? 'Close highlight reel' : `Play highlight reel (${plural(withClips, 'clip')})`) : null,
        tag && withClips > 0 && this.canShare ? h('button', { type: 'button', class: 'button button-secondary button-small', 'data-focus': `share-${key}`,
          'data-testid': 'share-reel', 'aria-expanded': String(!!share), 'aria-controls': share ? shareId : null,
          'aria-label': `${share ? 'Close sharing' : 'Share reel'} for #${tag}`, onclick: () => this.toggleShare(tag) },
          share ? 'Close sharing' : 'Share reel') : null),
      reel?.element,
      share ? h('div', { id: shareId, class: 'reel-share' }, share.element) : null,
      h('ul', { class: 'summary-notes' }, notes.map((n) => this.note(key, n))));
  }

  private note(group: string, n: NoteView): HTMLElement {
    const viewKey = `${group}:${n.id}`;
    const view = this.clipViews.get(viewKey);
    const covered = view !== undefined || (this.clips?.covers(n.clockOffsetMs) ?? false);
    return h('li', { 'data-note-id': n.id },
      h('span', { class: 'note-time' }, clock(n.clockOffsetMs)), ' ',
      h('span', { class: 'note-author' }, n.author.displayName), ' ',
      h('span', { class: 'note-kind' }, capitalize(n.kind)),
      n.taskId ? h('span', { class: 'muted' }, ` · ${taskLabel(this.study, n.taskId)}`) : null,
      h('p', { class: 'note-text' }, n.text),
      covered ? h('button', { type: 'button', class: 'button-link', 'data-focus': `clip-${viewKey}`, 'data-testid': 'play-clip', 'aria-expanded': String(!!view),
        'aria-label': `${view ? 'Close clip' : 'Play clip'} of the note at ${clock(n.clockOffsetMs)}`, onclick: () => this.toggleClip(viewKey, n) },
        view ? 'Close clip' : 'Play clip') : null,
      view?.element);
  }

  private toggleClip(viewKey: string, note: NoteView): void {
    const open = this.clipViews.get(viewKey);
    if (open) {
      open.close();
      this.clipViews.delete(viewKey);
    } else {
      const view = new ClipView(this.clips!, note, { onClose: () => this.toggleClip(viewKey, note) });
      this.clipViews.set(viewKey, view);
      void view.play();
    }
    this.renderKeepingFocus(`clip-${viewKey}`);
  }

  private toggleReel(tag: string): void {
    const open = this.reels.get(tag);
    if (open) {
      this.reels.delete(tag);
    } else {
      const reel = new HighlightReelView(this.clips!, tag, () => this.toggleReel(tag));
      this.reels.set(tag, reel);
      void reel.play();
    }
    this.renderKeepingFocus(`reel-${tag}`);
  }

  /** The owner's view-only links to a tag's reel: made, copied and turned off here, beside the reel itself. */
  private toggleShare(tag: string): void {
    if (this.shares.has(tag)) {
      this.shares.delete(tag);
    } else {
      const panel = new SharePanel(this.study.id, { scope: 'highlights', sessionId: this.clips!.sessionId, tag }, 'h4');
      this.shares.set(tag, panel);
      void panel.refresh();
    }
    this.renderKeepingFocus(`share-${tag}`);
  }

  private renderKeepingFocus(key: string): void {
    this.render();
    this.element.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  }
}
