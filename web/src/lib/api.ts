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

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, token?: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await problem(response);
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  return (isJson ? await response.json().catch(() => null) : null) as T;
}

export interface FetchedFile { blob: Blob; fileName: string | null }

/** A download behind a bearer token (which a plain link cannot carry), with the file name the server gave it. */
export async function fetchFile(path: string, token: string): Promise<FetchedFile> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await problem(response);
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
