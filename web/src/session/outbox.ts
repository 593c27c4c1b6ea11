import type { AddNoteRequest, DeleteNoteRequest, EditNoteRequest } from '../lib/protocol';
import { load, save } from '../lib/storage';

export type OutboxItem =
  | { method: 'AddNote'; request: AddNoteRequest; queuedAt: string }
  | { method: 'EditNote'; request: EditNoteRequest; queuedAt: string }
  | { method: 'DeleteNote'; request: DeleteNoteRequest; queuedAt: string };

/**
 * Note commands waiting for the server's acknowledgement, in the order they were made, kept in localStorage so a
 * reload or a lost connection loses nothing. Each keeps its commandId, so sending it again is applied at most once.
 */
export class Outbox {
  private items: OutboxItem[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly key: string) {
    this.items = load<OutboxItem[]>(key, []);
  }

  get all(): readonly OutboxItem[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  /** Returns false when storage refused it: the item is still queued for this page, but would not survive a reload. */
  add(item: OutboxItem): boolean {
    this.items = [...this.items, item];
    return this.persist();
  }

  remove(commandId: string): void {
    this.items = this.items.filter((i) => i.request.commandId !== commandId);
    this.persist();
  }

  pendingNote(noteId: string): AddNoteRequest | undefined {
    const item = this.items.find((i) => i.method === 'AddNote' && i.request.noteId === noteId);
    return item?.method === 'AddNote' ? item.request : undefined;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private persist(): boolean {
    const saved = save(this.key, this.items);
    for (const listener of this.listeners) listener();
    return saved;
  }
}
