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

export async function api<T>(method: 'GET' | 'POST', path: string, token?: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('network', 'The server could not be reached. Check your connection and try again.', 0);
  }
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const payload: unknown = isJson ? await response.json().catch(() => null) : null;
  if (response.ok) return payload as T;
  const problem = (payload ?? {}) as { code?: string; detail?: string; title?: string; errors?: Record<string, string[]> };
  throw new ApiError(
    problem.code ?? (problem.errors ? 'invalidRequest' : `http${response.status}`),
    problem.detail ?? problem.title ?? `The server refused the request (${response.status}).`,
    response.status,
    problem.errors ?? {},
  );
}
