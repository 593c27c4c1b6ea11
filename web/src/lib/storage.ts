// localStorage that never throws: private modes and full quotas must not break a live session.

export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function save(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing to clean up when storage is unavailable */
  }
}

/** A storage key for a link: its signature tail is unique per token, and the key never holds the whole token. */
export function linkKey(token: string): string {
  return token.slice(-32);
}

/** Owner links of studies, kept by earlier versions; studies now open by id for members who sign in. */
remove('sessionlab:studies');

/**
 * A team member's invite to one session, kept so a link without a token (a report's clip link, say) can still be
 * opened in this browser. Participants' invites are never kept: their page has no use for them and no clip may open.
 */
export interface KnownSession { sessionId: string; role: 'moderator' | 'observer'; token: string }

const sessionsKey = 'sessionlab:sessions';

export function knownSessions(): KnownSession[] {
  return load<KnownSession[]>(sessionsKey, []);
}

export function rememberSession(session: KnownSession): void {
  const others = knownSessions().filter((s) => !(s.sessionId === session.sessionId && s.role === session.role));
  save(sessionsKey, [session, ...others].slice(0, 100));
}
