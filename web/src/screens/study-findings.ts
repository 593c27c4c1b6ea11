import { ApiError, api } from '../lib/api';
import { h, replaceContent, setText } from '../lib/dom';
import { describeError } from '../lib/errors';
import { dateTime, plural } from '../lib/format';
import type { FindingRow, FindingSeverity, StudyReportData, TagDefinition } from '../lib/protocol';
import { load, save } from '../lib/storage';
import { tagChip } from '../ui/tags';

/** Nielsen's severity scale, as the report words it. */
const severityNames = ['not a problem', 'cosmetic', 'minor', 'major', 'catastrophe'] as const;
const unrated = '';
const nameKey = 'sessionlab:severity-name';

export function severityText(severity: number | null): string {
  return severity === null ? 'unrated' : `${severity} ${severityNames[severity] ?? ''}`.trim();
}

/**
 * The findings of the JSON report, one row per tag in the report's order (severity × share of participants), with
 * the severity the team gives each. Saving asks the server for the report again, so the order shown is always the
 * server's, never a guess made here.
 */
export class FindingsPanel {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'findings-body' }, h('p', { class: 'loading' }, 'Loading the findings…'));
  private readonly status = h('p', { class: 'findings-status', role: 'status', 'aria-live': 'polite' });
  private readonly name = h('input', { id: 'severity-name', maxlength: '80', autocomplete: 'name', 'aria-describedby': 'severity-name-help' });
  /** Choices not saved yet, by tag (lower case), so a re-render after another row's save keeps them. */
  private readonly drafts = new Map<string, string>();
  private report: StudyReportData | null = null;
  private severities = new Map<string, FindingSeverity>();
  private saving = false;

  constructor(
    private readonly studyId: string,
    private readonly palette: readonly TagDefinition[],
  ) {
    this.name.value = load<string>(nameKey, '');
    this.name.addEventListener('change', () => save(nameKey, this.name.value.trim()));
    this.element = h('section', { class: 'panel', 'aria-labelledby': 'findings-title' },
      h('div', { class: 'findings-head' },
        h('h2', { id: 'findings-title' }, 'Findings'),
        h('button', { type: 'button', class: 'button button-secondary button-small', onclick: () => void this.refresh('Findings refreshed.') }, 'Refresh findings')),
      h('p', { class: 'muted' }, 'One row per tag, in the report’s order: severity times the share of participants it was seen in. ',
        'Rate each on Nielsen’s scale: 0 not a problem, 1 cosmetic, 2 minor, 3 major, 4 catastrophe.'),
      h('div', { class: 'field severity-name' },
        h('label', { for: 'severity-name' }, 'Your name'),
        this.name,
        h('p', { id: 'severity-name-help', class: 'muted small' }, 'Saved with each severity you set; this browser remembers it.')),
      this.body,
      this.status);
  }

  async refresh(announce?: string): Promise<boolean> {
    try {
      const base = `/api/studies/${encodeURIComponent(this.studyId)}`;
      const [report, severities] = await Promise.all([
        api<StudyReportData>('GET', `${base}/report?format=json`),
        api<FindingSeverity[]>('GET', `${base}/findings/severities`),
      ]);
      this.report = report;
      this.severities = new Map(severities.map((s) => [s.tag.toLowerCase(), s]));
      this.render();
      if (announce) this.say(announce);
      return true;
    } catch (error) {
      const message = `The findings could not be loaded: ${messageOf(error)}`;
      if (this.report) this.say(message, true);
      else replaceContent(this.body, h('p', { class: 'field-error' }, message));
      return false;
    }
  }

  private render(): void {
    const report = this.report!;
    if (report.findings.length === 0) {
      replaceContent(this.body, h('p', { class: 'muted' }, 'The study has no tags and no note carries one.'));
      return;
    }
    const level = Math.round(report.overview.confidenceLevel * 100);
    const labels = new Map(report.participants.map((p) => [p.sessionId, p.label]));
    replaceContent(this.body, h('div', { class: 'table-wrap' },
      h('table', { class: 'summary-table findings-table', 'data-testid': 'findings' },
        h('caption', { class: 'visually-hidden' }, `Findings, ${plural(report.findings.length, 'tag')}, highest priority first`),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Finding'),
          h('th', { scope: 'col' }, 'Participants'),
          h('th', { scope: 'col' }, 'Seen in'),
          h('th', { scope: 'col' }, 'Severity'),
          h('th', { scope: 'col' }, 'Change severity'))),
        h('tbody', null, report.findings.map((row, index) => this.row(row, index, level, labels))))));
  }

  private row(row: FindingRow, index: number, level: number, labels: Map<string, string>): HTMLElement {
    const key = row.tag.toLowerCase();
    const saved = this.severities.get(key);
    const current = row.severity === null ? unrated : String(row.severity);
    const selectId = `severity-${index}`;
    const select = h('select', { id: selectId, 'data-focus': `severity:${key}`, 'aria-describedby': `unsaved-${index}` },
      h('option', { value: unrated }, 'Unrated'),
      severityNames.map((_, n) => h('option', { value: String(n) }, severityText(n))));
    select.value = this.drafts.get(key) ?? current;
    const unsaved = h('span', { id: `unsaved-${index}`, class: 'unsaved', hidden: select.value === current }, 'Not saved');
    select.addEventListener('change', () => {
      if (select.value === current) this.drafts.delete(key);
      else this.drafts.set(key, select.value);
      unsaved.hidden = select.value === current;
    });
    const seenIn = row.cells.filter((c) => c.noteCount > 0);
    return h('tr', { 'data-tag': row.tag },
      h('th', { scope: 'row' }, tagChip(row.tag, this.palette),
        h('span', { class: 'muted small finding-notes' }, ` ${plural(row.noteIds.length, 'note')}`),
        row.inPalette ? null : h('span', { class: 'muted small' }, ' (not in the palette)')),
      h('td', { class: 'finding-frequency' }, row.frequency
        ? [h('span', null, `${row.frequency.successes} of ${row.frequency.trials}`),
            h('span', { class: 'muted small' }, ` ${percent(row.frequency.observed)}; ${level}% CI ${percent(row.frequency.interval.lower)}–${percent(row.frequency.interval.upper)}`)]
        : h('span', { class: 'muted' }, 'No session observed yet')),
      h('td', null, seenIn.length === 0 ? h('span', { class: 'muted' }, 'Not seen')
        : seenIn.map((c, i) => [i > 0 ? ', ' : '', labels.get(c.sessionId) ?? c.sessionId, c.noteCount > 1 ? h('span', { class: 'muted' }, ` ×${c.noteCount}`) : ''])),
      h('td', { class: 'finding-severity' },
        h('span', { class: `severity severity-${row.severity ?? 'none'}` }, severityText(row.severity)),
        saved && row.severity !== null ? h('span', { class: 'muted small severity-by' }, `by ${saved.updatedBy}, ${dateTime(saved.updatedAt)}`) : null),
      h('td', null, h('div', { class: 'severity-control' },
        h('label', { for: selectId, class: 'visually-hidden' }, `Severity of #${row.tag}`),
        select,
        h('button', { type: 'button', class: 'button button-small', 'data-focus': `save:${key}`, 'aria-label': `Save the severity of #${row.tag}`,
          onclick: () => void this.saveSeverity(row, select.value) }, 'Save'),
        unsaved)));
  }

  private async saveSeverity(row: FindingRow, value: string): Promise<void> {
    if (this.saving) return;
    const key = row.tag.toLowerCase();
    const severity = value === unrated ? null : Number(value);
    if (severity === row.severity) {
      this.say(`#${row.tag} is already ${severityText(severity)}.`);
      return;
    }
    this.saving = true;
    this.say(`Saving the severity of #${row.tag}…`);
    const path = `/api/studies/${encodeURIComponent(this.studyId)}/findings/${encodeURIComponent(row.tag)}/severity`;
    try {
      const updatedBy = this.name.value.trim();
      save(nameKey, updatedBy);
      if (severity === null) await api<void>('DELETE', path);
      else await api<FindingSeverity>('PUT', path, null, { severity, updatedBy: updatedBy || null });
    } catch (error) {
      this.saving = false;
      this.say(`The severity of #${row.tag} was not saved: ${messageOf(error)}`, true);
      return;
    }
    this.drafts.delete(key);
    const saved = `#${row.tag} is now ${severityText(severity)}.`;
    if (await this.refresh()) {
      const findings = this.report!.findings;
      const place = findings.findIndex((f) => f.tag.toLowerCase() === key);
      this.say(place < 0 ? saved : `${saved} It is finding ${place + 1} of ${findings.length}.`);
    } else {
      this.say(`${saved} The findings could not be refreshed; use Refresh findings.`, true);
    }
    this.saving = false;
  }

  private say(text: string, isError = false): void {
    this.status.classList.toggle('findings-status-error', isError);
    setText(this.status, text);
  }
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The server's own words: a field error names what was wrong, the problem's detail says only that something was. */
function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  const fields = Object.values(error.fieldErrors).flat();
  return fields.length > 0 ? fields.join(' ') : describeError(error);
}
