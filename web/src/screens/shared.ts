import { ClipLibrary } from '../clips/clip-library';
import { HighlightReelView } from '../clips/highlight-reel';
import { ApiError, api, fetchFile } from '../lib/api';
import { h, replaceContent } from '../lib/dom';
import { dateTime } from '../lib/format';
import type { TokenAccess } from '../lib/protocol';
import { errorPanel, loading, renderShell } from '../ui/shell';

/**
 * /shared#<token>: what a view-only link opens, for someone who did not run the sessions: the study's report, read
 * only, with clip links that play for them; or one session's highlight reel. A link to one clip goes to its clip page.
 */
export async function showShared(token: string): Promise<void> {
  const main = renderShell({ title: 'Shared report', main: loading('Opening the shared report…') });
  if (!token) {
    return refuse(main, 'This link is incomplete', 'The part after # is missing. Copy the whole link and try again.');
  }
  let access: TokenAccess;
  try {
    access = await api<TokenAccess>('GET', '/api/access', token);
  } catch (error) {
    return refuseFor(main, error);
  }
  if (access.kind !== 'reportShare' || !access.studyId) {
    return refuse(main, 'This is not a shared report link', 'It is an invite to a session.',
      h('p', null, h('a', { href: `/join#${token}` }, 'Open the session')));
  }
  if (access.scope === 'clip' && access.sessionId && access.noteId) {
    location.replace(`/clip/${encodeURIComponent(access.sessionId)}/${encodeURIComponent(access.noteId)}#${token}`);
    return;
  }
  if (access.scope === 'highlights' && access.sessionId && access.tag) {
    return showReel(main, access, token);
  }
  await showReport(main, access, token);
}

async function showReport(main: HTMLElement, access: TokenAccess, token: string): Promise<void> {
  let html: string;
  let fileName: string | null;
  try {
    const file = await fetchFile(`/api/studies/${encodeURIComponent(access.studyId!)}/report?format=html`, token);
    html = await file.blob.text();
    fileName = file.fileName;
  } catch (error) {
    return refuseFor(main, error);
  }
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  const heading = title ? decodeEntities(title) : 'Usability test report';
  document.title = `${heading} · SessionLab`;
  // The report is the server's own page (escaped text, no script, a Content-Security-Policy that forbids any). It is
  // shown in a sandbox that runs no script either; same origin only so this page can size the frame to it. Its clip
  // links open in a new tab, so the report stays where the reader left it.
  const frame = h('iframe', {
    class: 'shared-report', title: heading, 'data-testid': 'shared-report',
    sandbox: 'allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-modals',
    srcdoc: html.replace(/<head>/i, '<head><base target="_blank">'),
  });
  const fit = () => {
    const body = frame.contentDocument?.documentElement;
    if (body) frame.style.height = `${body.scrollHeight + 4}px`;
  };
  frame.addEventListener('load', fit);
  window.addEventListener('resize', fit);
  const download = () => {
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const link = h('a', { href: url, download: fileName ?? 'report.html', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };
  replaceContent(main,
    h('div', { class: 'page-head shared-head' },
      h('h1', { tabindex: '-1' }, 'Shared report'),
      h('p', { class: 'notice', 'data-testid': 'shared-notice' },
        `A view-only copy of the report, shared by the study’s owner. This link works until ${dateTime(access.expiresAt)}.`),
      h('div', { class: 'report-actions' },
        h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => frame.contentWindow?.print() }, 'Print or save as PDF'),
        h('button', { type: 'button', class: 'button button-secondary button-small', onclick: download }, 'Download the report (HTML)'))),
    frame);
  main.querySelector<HTMLElement>('h1')?.focus();
}

function showReel(main: HTMLElement, access: TokenAccess, token: string): void {
  document.title = `Highlight reel #${access.tag} · SessionLab`;
  const library = new ClipLibrary(access.sessionId!, token, 'viewer');
  const reel = new HighlightReelView(library, access.tag!, () => undefined);
  replaceContent(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, `Highlight reel: #${access.tag}`),
      h('p', { class: 'notice' }, `A view-only reel, shared by the study’s owner. This link works until ${dateTime(access.expiresAt)}.`)),
    h('section', { class: 'panel' }, reel.element));
  main.querySelector<HTMLElement>('h1')?.focus();
  void reel.play();
}

/** What went wrong with the link, in words that say what to do: expired, turned off, or not a working link. */
function refuseFor(main: HTMLElement, error: unknown): void {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'linkRevoked':
        return refuse(main, 'This link was turned off', error.message);
      case 'tokenExpired':
        return refuse(main, 'This link has expired', error.message);
      case 'invalidToken':
        return refuse(main, 'This link does not work', `${error.message} Check that you copied the whole link, or ask whoever sent it for a new one.`);
      default:
        return refuse(main, 'The report could not be opened', error.message);
    }
  }
  refuse(main, 'The report could not be opened', String(error));
}

function refuse(main: HTMLElement, title: string, message: string, more?: HTMLElement): void {
  replaceContent(main, errorPanel(title, message, [more ?? null, h('p', null, h('a', { href: '/' }, 'Go to the start page'))]));
  main.querySelector<HTMLElement>('h1')?.focus();
}

function decodeEntities(text: string): string {
  return new DOMParser().parseFromString(`<!doctype html><title>${text}</title>`, 'text/html').title;
}
