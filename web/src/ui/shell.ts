import { h, type Child } from '../lib/dom';

export interface ShellParts {
  title: string;
  /** Shown beside the product name; the page's h1 lives in main. */
  context?: Child;
  status?: Child;
  /** Participants get no way off their page. */
  homeLink?: boolean;
  main: Child;
}

/** The page frame every screen uses: skip link, banner, one main landmark. */
export function renderShell(parts: ShellParts): HTMLElement {
  document.title = `${parts.title} · SessionLab`;
  const main = h('main', { id: 'main', tabindex: '-1' }, parts.main);
  const brand = parts.homeLink === false ? h('span', { class: 'brand' }, 'SessionLab') : h('a', { class: 'brand', href: '/' }, 'SessionLab');
  const app = document.getElementById('app')!;
  app.replaceChildren(
    h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
    h('header', { class: 'banner' }, brand, parts.context ? h('div', { class: 'banner-context' }, parts.context) : null,
      parts.status ? h('div', { class: 'banner-status' }, parts.status) : null),
    main,
  );
  return main;
}

export function errorPanel(title: string, message: string, more?: Child): HTMLElement {
  return h('section', { class: 'panel panel-error', role: 'alert', 'aria-labelledby': 'error-title' },
    h('h1', { id: 'error-title', tabindex: '-1', 'data-focus-fallback': true }, title),
    h('p', null, message),
    more ?? null);
}

export function loading(message: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, message);
}

/** A polite live region for short confirmations ("Copied", "Note saved"). */
export function announcer(): { element: HTMLElement; say: (text: string) => void } {
  const element = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    say: (text: string) => {
      element.textContent = '';
      window.setTimeout(() => (element.textContent = text), 50);
    },
  };
}
