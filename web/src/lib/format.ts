/** Session clock as m:ss, or h:mm:ss past an hour. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

/** A duration for people: "2 min 05 s", "45 s". */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A size for people: "840 KB", "12.4 MB", "1.2 GB". */
export function bytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(n === 0 ? 0 : 1, Math.round(n / 1024))} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

/** Seconds as a person would type them: 10, 2.5. */
export function seconds(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A moment on a recording to the tenth of a second: "0:07.5", "12:03.4"; whole seconds stay "0:07". */
export function mediaTime(secondsValue: number): string {
  const tenths = Math.round(Math.max(0, secondsValue) * 10);
  const whole = clock(Math.floor(tenths / 10) * 1000);
  return tenths % 10 === 0 ? whole : `${whole}.${tenths % 10}`;
}

const openingQuotes = '"\'“‘„«‚';
const closingQuotes = '"\'”’“»‘';

/**
 * A quote without the quotation marks its author typed around it, for places that add their own pair: “"Where is
 * it?"” would print twice otherwise. The same rule as the report's (ReportText.Unquoted).
 */
export function unquoted(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && openingQuotes.includes(trimmed[0]!) && closingQuotes.includes(trimmed[trimmed.length - 1]!)
    ? trimmed.slice(1, -1).trim()
    : trimmed;
}
