// A tiny DOM builder. Strings always become text nodes: user data can never be parsed as markup here,
// and the app has no other way to put text into the page (no innerHTML anywhere).

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = { [name: string]: AttrValue | ((event: never) => void) };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === 'value' || name === 'checked' || name === 'indeterminate') {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a region's content; if focus was inside, it returns to the element with the same data-focus key. */
export function replaceContent(container: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus') : null;
  const hadFocus = !!active && container.contains(active) && active !== container;
  container.replaceChildren();
  append(container, children);
  if (!hadFocus) return;
  const target = key ? container.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) : null;
  const fallback = container.querySelector<HTMLElement>('[data-focus-fallback]') ?? container.querySelector<HTMLElement>('button, a[href], input, select, textarea') ?? (container as HTMLElement);
  (target ?? fallback).focus();
}

export function setText(element: Element, text: string): void {
  element.textContent = text;
}

/** Sets the text only when it differs: a live region rewritten with the same words may read them out again. */
export function changeText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** A v4 UUID. crypto.randomUUID exists only in secure contexts; a team on plain http in a LAN still needs ids. */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Typing in these must never trigger single-key shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'color', 'range'].includes(target.type);
  }
  return false;
}

export function kbd(keys: string): HTMLElement {
  return h('kbd', null, keys);
}
