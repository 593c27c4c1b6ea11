import type { Me } from '../lib/account';
import { api } from '../lib/api';
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

/**
 * The tab's icon: SessionLab's, or a role's letter on the role's colour, so a moderator's console, observer view and
 * participant page are told apart in a row of tabs.
 */
export function setFavicon(letter = 'S', colour = '#1d4ed8'): void {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${colour}"/>`
    + `<text x="16" y="23" font-family="system-ui,sans-serif" font-size="20" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
  let link = document.querySelector<HTMLLinkElement>('link[rel=icon]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  link.type = 'image/svg+xml';
  link.href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The page frame every screen uses: skip link, banner, one main landmark. */
export function renderShell(parts: ShellParts): HTMLElement {
  document.title = `${parts.title} · SessionLab`;
  const main = h('main', { id: 'main', tabindex: '-1' }, parts.main);
  const brand = parts.homeLink === false ? h('span', { class: 'brand' }, 'SessionLab') : h('a', { class: 'brand', href: '/' }, 'SessionLab');
  const app = document.getElementById('app')!;
  const header = h('header', { class: 'banner' }, brand, parts.context ? h('div', { class: 'banner-context' }, parts.context) : null,
    parts.status ? h('div', { class: 'banner-status' }, parts.status) : null,
    parts.homeLink === false ? null : h('div', { class: 'banner-account', id: 'banner-account' }));
  app.replaceChildren(
    // The address's fragment carries the page's link token, so the skip link moves focus without touching it.
    h('a', { class: 'skip-link', href: '#main', onclick: (e: MouseEvent) => { e.preventDefault(); main.focus(); } }, 'Skip to content'),
    header,
    main,
  );
  // A page with a status (a live session: its clock, the recording badge, the connection) keeps its banner in view
  // while the page scrolls; what gets focus scrolls into view below it, never under it.
  if (parts.status) keepBannerInView(header);
  else document.documentElement.style.removeProperty('--banner-height');
  return main;
}

function keepBannerInView(header: HTMLElement): void {
  header.classList.add('banner-sticky');
  const root = document.documentElement;
  new ResizeObserver(() => {
    if (header.isConnected) root.style.setProperty('--banner-height', `${header.offsetHeight}px`);
  }).observe(header);
}

/** The signed-in member's name and a way to sign out, in the banner of the team's pages. */
export function showMember(me: Me): void {
  const slot = document.getElementById('banner-account');
  if (!slot) return;
  const button = h('button', { type: 'button', class: 'button button-secondary button-small' }, 'Sign out');
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Signing out…';
    try {
      await api<void>('POST', '/api/account/sign-out', null, undefined, { noSignInRedirect: true });
    } catch {
      /* Signed out already, or the server is away: the sign-in page says which when they try again. */
    }
    location.assign('/sign-in');
  });
  slot.replaceChildren(h('span', { class: 'banner-member' }, h('span', { class: 'visually-hidden' }, 'Signed in as '), me.displayName),
    h('a', { href: '/account', 'aria-current': location.pathname === '/account' ? 'page' : null }, 'Your account'), button);
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

/** A polite live region for short confirmations ("Copied", "Note saved"); hidden unless given a visible class. */
export function announcer(visibleClass?: string): { element: HTMLElement; say: (text: string) => void } {
  const element = h('div', { class: visibleClass ?? 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': visibleClass ? 'status-toast' : null });
  let clear: number | undefined;
  return {
    element,
    say: (text: string) => {
      element.textContent = '';
      window.clearTimeout(clear);
      window.setTimeout(() => (element.textContent = text), 50);
      // A visible confirmation goes after a while, so it never sits over the page for good.
      if (visibleClass) clear = window.setTimeout(() => (element.textContent = ''), 8_000);
    },
  };
}
