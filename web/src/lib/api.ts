// The HTTP API with RFC 9457 problem details turned into typed errors a page can show.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const networkError = () => new ApiError('network', 'The server could not be reached. Check your connection and try again.', 0);

/** Where a page sends someone the server asked to sign in: the sign-in page, then back to this page. */
export function signInUrl(next = location.pathname + location.search): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** A call made as the signed-in member (no token) that the server refused for want of a sign-in: go and sign in. */
function sendToSignIn(error: ApiError, token: string | null | undefined): void {
  if (!token && error.status === 401 && error.code === 'signInRequired' && location.pathname !== '/sign-in') location.assign(signInUrl());
}

export interface ApiOptions {
  /** Leave a 401 signInRequired to the caller instead of going to the sign-in page. */
  noSignInRedirect?: boolean;
}

/**
 * A JSON call. Without a token it goes as the signed-in member: the browser sends the `sessionlab.auth` cookie with
 * every same-origin request. Session links and view-only links still travel as a bearer token.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, token?: string | null, body?: unknown, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = await problem(response);
    if (!options.noSignInRedirect) sendToSignIn(error, token);
    throw error;
  }
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  return (isJson ? await response.json().catch(() => null) : null) as T;
}

export interface FetchedFile { blob: Blob; fileName: string | null }

/** A download as the signed-in member, or behind a view-only link's token, with the file name the server gave it. */
export async function fetchFile(path: string, token?: string | null): Promise<FetchedFile> {
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = await problem(response);
    sendToSignIn(error, token);
    throw error;
  }
  return { blob: await response.blob(), fileName: attachmentName(response.headers.get('Content-Disposition')) };
}

/** The file name of `Content-Disposition: attachment`: the RFC 6266 `filename*` (UTF-8) when present, else `filename`. */
export function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!);
    } catch {
      /* a malformed escape: fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
}

async function problem(response: Response): Promise<ApiError> {
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const payload: unknown = isJson ? await response.json().catch(() => null) : null;
  const body = (payload ?? {}) as { code?: string; detail?: string; title?: string; errors?: Record<string, string[]> };
  return new ApiError(
    body.code ?? (body.errors ? 'invalidRequest' : `http${response.status}`),
    body.detail ?? body.title ?? `The server refused the request (${response.status}).`,
    response.status,
    body.errors ?? {},
  );
}
