import { h } from '../lib/dom';
import type { TagDefinition } from '../lib/protocol';

/** A tag chip: the colour is a dot beside the name, so the name's contrast never depends on a palette colour. */
export function tagChip(name: string, palette: readonly TagDefinition[]): HTMLElement {
  const color = palette.find((t) => t.name.toLowerCase() === name.toLowerCase())?.color ?? '#64748b';
  return h('span', { class: 'tag' }, h('span', { class: 'tag-dot', style: `background:${safeColor(color)}`, 'aria-hidden': 'true' }), `#${name}`);
}

/** Palette colours come from the server already validated as #rrggbb; anything else falls back to grey. */
export function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#64748b';
}
