import { ApiError, fetchFile } from '../lib/api';
import { h, setText } from '../lib/dom';
import { describeError } from '../lib/errors';
import { capitalize } from '../lib/format';
import type { ReportFormat } from '../lib/protocol';
import { SharePanel } from './study-share';

interface Download { format: Exclude<ReportFormat, 'html'>; label: string; what: string; extension: string }

const downloads: Download[] = [
  { format: 'markdown', label: 'Markdown report', what: 'the Markdown report', extension: 'md' },
  { format: 'json', label: 'Metrics (JSON)', what: 'the metrics', extension: 'json' },
  { format: 'csv-notes', label: 'Notes (CSV)', what: 'the notes', extension: 'csv' },
  { format: 'csv-attempts', label: 'Task attempts (CSV)', what: 'the task attempts', extension: 'csv' },
  { format: 'csv-answers', label: 'Questionnaire answers (CSV)', what: 'the questionnaire answers', extension: 'csv' },
];

/**
 * The study report: the HTML one opened in a new tab, the others downloaded. Each is fetched as the signed-in member
 * and handed to the browser as a blob, so a refusal is shown on this page rather than as a bare error page.
 */
export class ReportPanel {
  readonly element: HTMLElement;
  private readonly status = h('p', { class: 'report-status', role: 'status', 'aria-live': 'polite' });
  private busy = false;
  private readonly share: SharePanel;
  private readonly groupA = h('input', { id: 'compare-a', autocomplete: 'off', 'aria-describedby': 'compare-help' });
  private readonly groupB = h('input', { id: 'compare-b', autocomplete: 'off', 'aria-describedby': 'compare-help' });

  constructor(private readonly studyId: string) {
    this.share = new SharePanel(studyId);
    this.element = h('section', { class: 'panel', 'aria-labelledby': 'report-title' },
      h('h2', { id: 'report-title' }, 'Report'),
      h('p', { class: 'muted' }, 'Everything saved so far, across all sessions (sessions still running included): tasks, SUS and the findings below with their severities.'),
      h('div', { class: 'report-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => void this.openHtml() }, 'Open the HTML report'),
        h('span', { class: 'muted small' }, 'in a new tab; print it from there for a PDF')),
      h('div', { class: 'report-downloads', role: 'group', 'aria-labelledby': 'report-downloads-label' },
        h('span', { id: 'report-downloads-label', class: 'report-downloads-label' }, 'Download'),
        downloads.map((d) => h('button', { type: 'button', class: 'button button-secondary button-small', 'data-format': d.format,
          onclick: () => void this.download(d) }, d.label))),
      h('details', { class: 'report-compare' },
        h('summary', null, 'Compare two groups of sessions'),
        h('p', { id: 'compare-help', class: 'muted small' },
          'Participants as listed under Sessions, separated by commas (P1, P2). The report compares the first group with the second, task by task, with the same tests as two rounds of a study.'),
        h('form', { class: 'inline-form', onsubmit: (e: SubmitEvent) => { e.preventDefault(); void this.openComparison(); } },
          h('div', { class: 'field' }, h('label', { for: 'compare-a' }, 'First group'), this.groupA),
          h('div', { class: 'field' }, h('label', { for: 'compare-b' }, 'Second group'), this.groupB),
          h('button', { type: 'submit', class: 'button button-secondary' }, 'Open the comparison'))),
      this.status,
      this.share.element);
    void this.share.refresh();
  }

  /** The HTML report comparing the two groups typed in; the server says in words what is wrong with a group. */
  private async openComparison(): Promise<void> {
    const query = `&groupA=${encodeURIComponent(this.groupA.value.trim())}&groupB=${encodeURIComponent(this.groupB.value.trim())}`;
    await this.openHtml(query, 'the comparison');
  }

  private async openHtml(query = '', what = 'the HTML report'): Promise<void> {
    if (this.busy) return;
    // Opened now, while the click still counts as the person's, so no popup blocker stops it once the report arrives.
    const tab = window.open('', '_blank');
    if (tab) {
      tab.document.title = 'Generating the report…';
      tab.document.body.textContent = 'Generating the report…';
    }
    await this.fetch('html', what, (file) => {
      const url = URL.createObjectURL(file.blob);
      // The blob stays alive so the tab can be reloaded and printed; it goes with this page.
      if (tab && !tab.closed) {
        tab.opener = null;
        tab.location.href = url;
        return `${capitalize(what)} is open in a new tab.`;
      }
      const link = h('a', { href: url, target: '_blank', rel: 'noopener' }, 'Open the HTML report');
      this.status.replaceChildren('The browser blocked the new tab: ', link, '.');
      return null;
    }, () => tab?.close(), query);
  }

  private async download(d: Download): Promise<void> {
    if (this.busy) return;
    await this.fetch(d.format, d.what, (file) => {
      const name = file.fileName ?? `report-${d.format}.${d.extension}`;
      const url = URL.createObjectURL(file.blob);
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click's task has run; the blob is not needed after that.
      window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
      return `Downloaded ${name}.`;
    });
  }

  private async fetch(format: ReportFormat, what: string, deliver: (file: { blob: Blob; fileName: string | null }) => string | null, onFailure?: () => void, query = ''): Promise<void> {
    this.busy = true;
    this.status.classList.remove('report-status-error');
    setText(this.status, `Generating ${what}…`);
    try {
      const file = await fetchFile(`/api/studies/${encodeURIComponent(this.studyId)}/report?format=${format}${query}`);
      const message = deliver(file);
      if (message) setText(this.status, message);
    } catch (error) {
      onFailure?.();
      this.status.classList.add('report-status-error');
      setText(this.status, `${capitalize(what)} could not be generated: ${error instanceof ApiError ? describeError(error) : String(error)}`);
    } finally {
      this.busy = false;
    }
  }
}
